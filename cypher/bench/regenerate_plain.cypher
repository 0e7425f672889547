// Bench baseline: the plainest Cypher for "record a regeneration and flag what it
// orphans": a new current attempt regenerating $id, and every asset built from
// the old one, at any depth, flagged (no reasons, no un-orphaning, no checks).
// The flag is `benchOrphaned`, the baseline's own unindexed property: it leaves the
// API's stored orphan state alone and pays no index upkeep (the cheapest write).
// $id; $newId; $at. Result: flagged (count of downstream assets)
MATCH (old:Asset {id: $id})
CREATE (new:Asset {id: $newId, type: old.type, slot: old.slot, slotKey: old.slotKey,
                   version: old.version + 1, status: 'ready', isCurrent: true, currentSince: $at, createdAt: $at,
                   provider: old.provider, model: old.model, projectCode: old.projectCode})
CREATE (new)-[:REGENERATES]->(old)
SET old.isCurrent = false
WITH old
OPTIONAL MATCH (old)<-[:GENERATED_FROM|USES_FRAME*1..]-(d:Asset)
WITH DISTINCT d WHERE d IS NOT NULL
SET d.benchOrphaned = true
RETURN count(d) AS flagged
