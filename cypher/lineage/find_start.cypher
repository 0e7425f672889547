// The node a lineage walk starts from: an asset, prompt or workflow run id.
// $id. Result: key (internal element id), id, labels, properties; no row when unknown.
CALL () {
  MATCH (n:Asset {id: $id}) RETURN n
  UNION
  MATCH (n:Prompt {id: $id}) RETURN n
  UNION
  MATCH (n:Workflow {id: $id}) RETURN n
}
RETURN elementId(n) AS key, n.id AS id, labels(n) AS labels, properties(n) AS properties
LIMIT 1
