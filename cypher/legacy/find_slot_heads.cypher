// The newest attempt (highest version) of each given slot that has attempts.
// $slots: [string]. Result, one row per slot with attempts: slot, id, version
UNWIND $slots AS slot
CALL (slot) {
  MATCH (a:Asset {slot: slot})
  RETURN a
  ORDER BY a.version DESC
  LIMIT 1
}
RETURN slot, a.id AS id, a.version AS version
