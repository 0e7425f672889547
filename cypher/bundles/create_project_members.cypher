// Creates nodes of an import that the importer found absent (its plan looked each
// one up), each with its PART_OF edge to project $code: the project is found once
// for the whole batch, not once a node (no node is created when it is absent: the
// importer writes the project first, and checks the count).
// $code: the project's code; $rows: [{labels (checked by the importer against the
//   kind), properties}]
// Result: one row: created
MATCH (p:Project {code: $code})
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.properties
CREATE (n)-[:PART_OF]->(p)
RETURN count(n) AS created
