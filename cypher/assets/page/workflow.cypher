// Nested page fragment (between assets/page/limited and assets/page/collected): the
// workflow run that produced the asset, or null, as assets/list_workflows_of reads it.
// Adds nested.workflow: map or null
CALL (a) {
  OPTIONAL MATCH (a)-[:GENERATED_FROM]->(w:Workflow)
  WITH w ORDER BY w.id LIMIT 1
  RETURN properties(w) AS workflow
}
WITH a, key, nested {.*, workflow: workflow} AS nested
