// Bench: makes the generated graph's history realistic for orphan detection: one
// in ten current images that something was built from (by the last digit of its
// id) gets a newer current attempt, so what was built from it is stale.
// Needs an implicit (auto-commit) transaction: session.run, not a managed one.
// $at (time of the new attempts). No result.
MATCH (old:Asset {isCurrent: true, type: 'image'})
WHERE right(old.id, 1) = '7' AND EXISTS { (old)<-[:GENERATED_FROM|USES_FRAME]-(:Asset) }
CALL (old) {
  CREATE (new:Asset {id: old.id + '-v2', type: old.type, slot: old.slot, slotKey: old.slotKey,
                     version: old.version + 100, status: 'ready', isCurrent: true,
                     currentSince: $at, createdAt: $at, provider: old.provider,
                     model: old.model, projectCode: old.projectCode,
                     estimatedCost: old.estimatedCost, paramsJson: '{}'})
  CREATE (new)-[:REGENERATES]->(old)
  SET old.isCurrent = false
} IN TRANSACTIONS OF 10000 ROWS
