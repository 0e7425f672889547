// Bench (bench-export): every asset of the graph becomes part of project $code (its
// projectCode, its slot key in the project's namespace, a PART_OF edge), as if the
// generated legacy tree had been recorded in that one project.
// Needs an implicit (auto-commit) transaction: session.run, not a managed one.
// $code: an existing project. No result.
MATCH (p:Project {code: $code})
MATCH (a:Asset)
CALL (a, p) {
  SET a.projectCode = p.code, a.slotKey = 'project:' + p.code + '/' + a.slot
  CREATE (a)-[:PART_OF]->(p)
} IN TRANSACTIONS OF 10000 ROWS
