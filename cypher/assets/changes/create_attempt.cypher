// Fragment, after assets/changes/check_generation (then assets/changes/refresh_current):
// creates one asset attempt of its slot (row.slotKey: the slot's namespace and
// name, see src/lineage/assets/slots.py) and every edge to what it came from.
// (Its inputs stay write-locked until the transaction ends: see the end.)
// First it holds a write lock on the slot's lock node until the transaction ends,
// so concurrent attempts of a slot queue and get distinct, gap-free versions:
// the new attempt's version is one more than the slot's newest attempt's, and it
// regenerates previousId, else (when it is null) the slot's newest attempt.
// Bound before: row (the node's properties, slot and slotKey included, version left to
// this query), projectCode (its project, or null), previousId (or null).
// $generation (one map, see assets/changes/check_generation): at; promptIds; sourceIds;
// frames: [{assetId, role, position}]; workflowId
// Binds: a (the new attempt)
MERGE (lock:SlotLock {key: row.slotKey})
SET lock.claimedAt = $generation.at
WITH row, projectCode, previousId
CALL (row) {
  OPTIONAL MATCH (n:Asset {slotKey: row.slotKey})
  RETURN n AS newest ORDER BY n.version DESC LIMIT 1
}
CREATE (a:Asset)
SET a = row, a.version = coalesce(newest.version, 0) + 1
WITH a, projectCode, coalesce(previousId, newest.id) AS previousId
CALL (a, projectCode) {
  MATCH (p:Project {code: projectCode})
  MERGE (a)-[:PART_OF]->(p)
}
CALL (a) {
  UNWIND $generation.promptIds AS pid
  MATCH (pr:Prompt {id: pid})
  MERGE (a)-[:GENERATED_FROM]->(pr)
}
CALL (a) {
  UNWIND $generation.sourceIds AS sid
  MATCH (s:Asset {id: sid})
  MERGE (a)-[:GENERATED_FROM]->(s)
}
CALL (a) {
  UNWIND $generation.frames AS f
  MATCH (img:Asset {id: f.assetId})
  CREATE (a)-[:USES_FRAME {role: f.role, position: f.position}]->(img)
}
CALL (a) {
  MATCH (w:Workflow {id: $generation.workflowId})
  MERGE (a)-[:GENERATED_FROM]->(w)
}
CALL (a, previousId) {
  MATCH (prev:Asset {id: previousId})
  MERGE (a)-[:REGENERATES]->(prev)
}
// Write-lock its inputs until the transaction ends: a transaction that changes one
// of them (a flip of isCurrent, a status, a revision) holds the same lock, so either
// it commits first and this one's orphan refresh reads its change, or it waits and
// then finds this asset among the input's consumers. (Creating the edge alone does
// not lock a dense node.)
CALL (a) {
  MATCH (a)-[:GENERATED_FROM|USES_FRAME]->(i)
  WHERE i:Asset OR i:Prompt
  WITH i ORDER BY elementId(i)
  SET i.orphanLock = true
  REMOVE i.orphanLock
}
WITH a
