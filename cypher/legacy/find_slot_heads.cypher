// The newest attempt (highest version) of each given slot that has attempts.
// $slotKeys: [string]. Result, one row per slot with attempts: slotKey, id, version
UNWIND $slotKeys AS slotKey
CALL (slotKey) {
  MATCH (a:Asset {slotKey: slotKey})
  RETURN a
  ORDER BY a.version DESC
  LIMIT 1
}
RETURN slotKey, a.id AS id, a.version AS version
