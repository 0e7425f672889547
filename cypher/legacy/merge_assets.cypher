// Creates legacy assets (the properties assets/create sets) with their project and prompt edges.
// $rows: [{row: the node's properties (with id), projectCode, promptIds: [string]}]
// Existing assets are left as they are. Result: written (number of rows)
UNWIND $rows AS item
MERGE (a:Asset {id: item.row.id})
ON CREATE SET a = item.row
WITH a, item
CALL (a, item) {
  MATCH (p:Project {code: item.projectCode})
  MERGE (a)-[:PART_OF]->(p)
}
CALL (a, item) {
  UNWIND item.promptIds AS pid
  MATCH (pr:Prompt {id: pid})
  MERGE (a)-[:GENERATED_FROM]->(pr)
}
RETURN count(*) AS written
