// Creates a human or machine prompt and its edges.
// $row: properties (id, text, role, kind, createdAt, refinedByModel, projectCode);
// $refinedFromId, $projectCode, $workflowId, $revisesId
// Result: prompt (map)
CREATE (p:Prompt)
SET p = $row
FOREACH (_ IN CASE WHEN $row.kind = 'human' THEN [1] ELSE [] END | SET p:HumanPrompt)
FOREACH (_ IN CASE WHEN $row.kind = 'machine' THEN [1] ELSE [] END | SET p:MachinePrompt)
WITH p
CALL (p) {
  MATCH (h:Prompt {id: $refinedFromId})
  MERGE (p)-[:GENERATED_FROM]->(h)
}
CALL (p) {
  MATCH (pr:Project {code: $projectCode})
  MERGE (p)-[:PART_OF]->(pr)
}
CALL (p) {
  MATCH (w:Workflow {id: $workflowId})
  MERGE (p)-[:GENERATED_FROM]->(w)
}
CALL (p) {
  MATCH (old:Prompt {id: $revisesId})
  MERGE (p)-[:REGENERATES]->(old)
  SET old.revisedAt = $row.createdAt
}
RETURN properties(p) AS prompt
