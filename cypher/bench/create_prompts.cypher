// Bench: creates one batch of generated prompts with their edges, as prompts/create does.
// $rows: [{props (with kind 'human' or 'machine'), projectCode, refinedFromId, workflowId,
//   revisesId}]; a row may name prompts created earlier in the same batch.
// Result: created (count)
UNWIND $rows AS row
CREATE (p:Prompt)
SET p = row.props
FOREACH (_ IN CASE WHEN row.props.kind = 'human' THEN [1] ELSE [] END | SET p:HumanPrompt)
FOREACH (_ IN CASE WHEN row.props.kind = 'machine' THEN [1] ELSE [] END | SET p:MachinePrompt)
WITH p, row
CALL (p, row) {
  MATCH (pr:Project {code: row.projectCode})
  CREATE (p)-[:PART_OF]->(pr)
}
CALL (p, row) {
  MATCH (h:Prompt {id: row.refinedFromId})
  CREATE (p)-[:GENERATED_FROM]->(h)
}
CALL (p, row) {
  MATCH (w:Workflow {id: row.workflowId})
  CREATE (p)-[:GENERATED_FROM]->(w)
}
CALL (p, row) {
  MATCH (old:Prompt {id: row.revisesId})
  CREATE (p)-[:REGENERATES]->(old)
}
RETURN count(p) AS created
