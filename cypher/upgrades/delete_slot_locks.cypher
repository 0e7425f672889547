// Upgrade 0033 (slots per project): removes the lock nodes of slots keyed by name
// alone (assets/changes/create_attempt merges the lock of a slot key when it next needs one).
// No parameters. Result: removed
MATCH (lock:SlotLock)
DELETE lock
RETURN count(lock) AS removed
