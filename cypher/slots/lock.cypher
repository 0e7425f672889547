// Serializes writers of one slot: holds a write lock on the slot's lock node
// until the transaction ends, so concurrent attempts of a slot get distinct,
// gap-free version numbers. Then returns the slot's newest attempt.
// $slot; $at (time of the claim)
// Result: one row: newest {id, slot, version} (null for a new slot)
MERGE (lock:SlotLock {key: $slot})
SET lock.claimedAt = $at
WITH lock
RETURN COLLECT {
  MATCH (n:Asset {slot: $slot})
  RETURN n {.id, .slot, .version} ORDER BY n.version DESC LIMIT 1
}[0] AS newest
