// Creates nodes of an import that the importer found absent (its plan looked each
// one up); a project's members get their PART_OF edge afterwards, from
// `create_memberships`.
// $rows: [{labels (checked by the importer against the kind), properties}]
// Result: one row: created
UNWIND $rows AS row
CREATE (n:$(row.labels))
SET n = row.properties
RETURN count(n) AS created
