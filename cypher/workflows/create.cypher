// Records one workflow run (n8n or another engine).
// $row: properties (id, engine, workflowId, executionId, status, startedAt, finishedAt,
//   error, projectCode); $projectCode
// Result: workflow (map)
CREATE (w:Workflow)
SET w = $row
WITH w
CALL (w) {
  MATCH (pr:Project {code: $projectCode})
  MERGE (w)-[:PART_OF]->(pr)
}
RETURN properties(w) AS workflow
