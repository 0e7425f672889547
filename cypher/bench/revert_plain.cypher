// Bench baseline: the plainest Cypher for "revert, and clear what it orphaned":
// $id becomes its slot's current attempt again (current since $at), and every asset
// built from it, at any depth, is unflagged (no reasons, no checks).
// The flag is `benchOrphaned`, the baseline's own unindexed property: it leaves the
// API's stored orphan state alone and pays no index upkeep (the cheapest write).
// $id; $at. Result: unflagged (count of downstream assets)
MATCH (old:Asset {id: $id})
OPTIONAL MATCH (current:Asset {slotKey: old.slotKey, isCurrent: true})
SET current.isCurrent = false
SET old.isCurrent = true, old.currentSince = $at
WITH DISTINCT old
OPTIONAL MATCH (old)<-[:GENERATED_FROM|USES_FRAME*1..]-(d:Asset)
WITH DISTINCT d WHERE d IS NOT NULL
SET d.benchOrphaned = false
RETURN count(d) AS unflagged
