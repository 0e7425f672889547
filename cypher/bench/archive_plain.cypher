// Bench baseline: the plainest Cypher for "archive the current attempt $id": it is
// archived and no longer current, its slot's newest other ready attempt becomes
// current, every asset built from $id (at any depth) is flagged and every asset built
// from the new current attempt is unflagged (no reasons, no checks).
// The flag is `benchOrphaned`, the baseline's own unindexed property (see
// regenerate_plain).
// $id; $at. Result: one row: flagged, unflagged (counts of downstream assets)
MATCH (old:Asset {id: $id})
SET old.status = 'archived', old.isCurrent = false, old.archivedAt = $at
WITH old
CALL (old) {
  OPTIONAL MATCH (next:Asset {slotKey: old.slotKey, status: 'ready'})
  WITH next ORDER BY next.currentSince DESC LIMIT 1
  SET next.isCurrent = true
  WITH next
  OPTIONAL MATCH (next)<-[:GENERATED_FROM|USES_FRAME*1..]-(d:Asset)
  WITH DISTINCT d WHERE d IS NOT NULL
  SET d.benchOrphaned = false
  RETURN count(d) AS unflagged
}
CALL (old) {
  OPTIONAL MATCH (old)<-[:GENERATED_FROM|USES_FRAME*1..]-(d:Asset)
  WITH DISTINCT d WHERE d IS NOT NULL
  SET d.benchOrphaned = true
  RETURN count(d) AS flagged
}
RETURN flagged, unflagged
