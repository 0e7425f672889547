// Bench baseline: the plainest Cypher for "revert, and clear what it orphaned":
// $id becomes its slot's current attempt again, and every asset built from it,
// at any depth, is unflagged (no reasons, no checks).
// $id. Result: unflagged (count of downstream assets)
MATCH (old:Asset {id: $id})
OPTIONAL MATCH (current:Asset {slot: old.slot, isCurrent: true})
SET current.isCurrent = false
SET old.isCurrent = true
WITH DISTINCT old
OPTIONAL MATCH (old)<-[:GENERATED_FROM|USES_FRAME*1..]-(d:Asset)
WITH DISTINCT d WHERE d IS NOT NULL
SET d.orphaned = false
RETURN count(d) AS unflagged
