// Creates the nodes of an import that do not exist yet (by kind and id: a project by
// its code); a stub left by an earlier import becomes the real node when a bundle
// brings it. Existing nodes are left as they are (an import is idempotent).
// $rows: [{kind: 'Project' | 'Asset' | 'Prompt' | 'Workflow', id, labels (checked by
//   the importer against the kind), properties, stub (boolean: an outside reference)}]
// Result: one row: created, replaced (stubs that became real nodes), stubs (created as stubs)
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.kind = 'Asset'
  MERGE (n:Asset {id: row.id}) ON CREATE SET n.__new = true
  RETURN n
  UNION
  WITH row WHERE row.kind = 'Prompt'
  MERGE (n:Prompt {id: row.id}) ON CREATE SET n.__new = true
  RETURN n
  UNION
  WITH row WHERE row.kind = 'Workflow'
  MERGE (n:Workflow {id: row.id}) ON CREATE SET n.__new = true
  RETURN n
  UNION
  WITH row WHERE row.kind = 'Project'
  MERGE (n:Project {code: row.id}) ON CREATE SET n.__new = true
  RETURN n
}
WITH row, n, coalesce(n.__new, false) AS created,
     NOT coalesce(n.__new, false) AND coalesce(n.stub, false) AND NOT row.stub AS replaced
CALL (row, n, created, replaced) {
  WITH * WHERE created OR replaced
  SET n = row.properties
  SET n:$(row.labels)
}
RETURN count(CASE WHEN created AND NOT row.stub THEN 1 END) AS created,
       count(CASE WHEN replaced THEN 1 END) AS replaced,
       count(CASE WHEN created AND row.stub THEN 1 END) AS stubs
