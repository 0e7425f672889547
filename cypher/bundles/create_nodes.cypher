// Creates nodes of an import that the importer found absent (its plan looked each
// one up), each in its project when $code names one it is part of.
// $rows: [{labels (checked by the importer against the kind), properties, partOf
//   (the code of the project it is part of, or null)}]
// Result: one row: created
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.properties
WITH n, row
CALL (n, row) {
  MATCH (p:Project {code: row.partOf})
  CREATE (n)-[:PART_OF]->(p)
}
RETURN count(n) AS created
