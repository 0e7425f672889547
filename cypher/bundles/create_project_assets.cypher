// Creates assets of an import that the importer found absent (its plan looked each one
// up), each with its PART_OF edge to project $code (found once for the batch: no asset
// is created when it is absent) and the edges it leaves towards assets that exist by
// now (written before, or earlier in the batch: the importer chose them), so each edge
// costs one index seek, the target's, as in the legacy importer's batches. The static
// :Asset label costs Neo4j less than the dynamic labels of `create_project_members`.
// $code: the project's code; $rows: [{properties, edges: [{type: 'GENERATED_FROM' |
//   'USES_FRAME' | 'REGENERATES' (checked by the importer), to (an asset's id), properties}]}]
// Result: one row: created (assets), edges (edges created: the importer checks both)
MATCH (p:Project {code: $code})
UNWIND $rows AS row
CREATE (n:Asset)
SET n = row.properties
CREATE (n)-[:PART_OF]->(p)
WITH n, row
CALL (n, row) {
  UNWIND row.edges AS e
  MATCH (b:Asset {id: e.to})
  CREATE (n)-[r:$(e.type)]->(b)
  SET r = e.properties
  RETURN count(r) AS edges
}
RETURN count(n) AS created, sum(edges) AS edges
