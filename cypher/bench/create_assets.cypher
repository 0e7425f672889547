// Bench: creates one batch of generated asset attempts with every edge, as assets/changes/create_attempt does.
// $rows: [{props, projectCode, promptIds, sourceIds, frames: [{assetId, role, position}],
//   workflowId, previousId}]; a row may name assets created earlier in the same batch.
// Result: created (count)
UNWIND $rows AS row
CREATE (a:Asset)
SET a = row.props
WITH a, row
CALL (a, row) {
  MATCH (p:Project {code: row.projectCode})
  CREATE (a)-[:PART_OF]->(p)
}
CALL (a, row) {
  UNWIND row.promptIds AS pid
  MATCH (pr:Prompt {id: pid})
  CREATE (a)-[:GENERATED_FROM]->(pr)
}
CALL (a, row) {
  UNWIND row.sourceIds AS sid
  MATCH (s:Asset {id: sid})
  CREATE (a)-[:GENERATED_FROM]->(s)
}
CALL (a, row) {
  UNWIND row.frames AS f
  MATCH (img:Asset {id: f.assetId})
  CREATE (a)-[:USES_FRAME {role: f.role, position: f.position}]->(img)
}
CALL (a, row) {
  MATCH (w:Workflow {id: row.workflowId})
  CREATE (a)-[:GENERATED_FROM]->(w)
}
CALL (a, row) {
  MATCH (prev:Asset {id: row.previousId})
  CREATE (a)-[:REGENERATES]->(prev)
}
RETURN count(a) AS created
