// Creates one asset attempt and every edge to what it came from.
// $row: the node's properties; $projectCode; $promptIds; $sourceIds;
// $frames: [{assetId, role, position}]; $workflowId; $previousId (attempt it regenerates)
// Result: asset (map)
CREATE (a:Asset)
SET a = $row
WITH a
CALL (a) {
  MATCH (p:Project {code: $projectCode})
  MERGE (a)-[:PART_OF]->(p)
}
CALL (a) {
  UNWIND $promptIds AS pid
  MATCH (pr:Prompt {id: pid})
  MERGE (a)-[:GENERATED_FROM]->(pr)
}
CALL (a) {
  UNWIND $sourceIds AS sid
  MATCH (s:Asset {id: sid})
  MERGE (a)-[:GENERATED_FROM]->(s)
}
CALL (a) {
  UNWIND $frames AS f
  MATCH (img:Asset {id: f.assetId})
  CREATE (a)-[:USES_FRAME {role: f.role, position: f.position}]->(img)
}
CALL (a) {
  MATCH (w:Workflow {id: $workflowId})
  MERGE (a)-[:GENERATED_FROM]->(w)
}
CALL (a) {
  MATCH (prev:Asset {id: $previousId})
  MERGE (a)-[:REGENERATES]->(prev)
}
RETURN properties(a) AS asset
