// Creates nodes of an import that the importer found absent (its plan looked each
// one up) and that are part of no project the import writes (the project itself,
// the nodes of an upstream bundle); `create_project_members` creates the others.
// $rows: [{labels (checked by the importer against the kind), properties}]
// Result: one row: created
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.properties
RETURN count(n) AS created
