// Makes the nodes an import has just created part of project $code (their PART_OF edge),
// written in a pass of their own after the nodes: one writer, so one transaction at a
// time writes to the project's node, which every edge ends at; it is found once a batch.
// No edge is created when the project is absent (the importer writes it first, and
// checks the count).
// $code: the project's code; $assets, $prompts, $workflows: ids of the new members
// Result: one row: created (no row when the project is absent)
MATCH (p:Project {code: $code})
CALL (p) {
  UNWIND $assets AS id
  MATCH (n:Asset {id: id})
  CREATE (n)-[:PART_OF]->(p)
  RETURN count(*) AS assets
}
CALL (p) {
  UNWIND $prompts AS id
  MATCH (n:Prompt {id: id})
  CREATE (n)-[:PART_OF]->(p)
  RETURN count(*) AS prompts
}
CALL (p) {
  UNWIND $workflows AS id
  MATCH (n:Workflow {id: id})
  CREATE (n)-[:PART_OF]->(p)
  RETURN count(*) AS workflows
}
RETURN assets + prompts + workflows AS created
