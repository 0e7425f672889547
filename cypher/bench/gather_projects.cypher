// Bench: the issue times a page of orphans in a project of about 100k assets;
// the generator makes projects of 100-1000 assets, so whole generated projects
// are gathered into one (create_gathered_project): everything PART_OF them
// (assets, prompts, workflows) moves to it, projectCode included.
// Needs an implicit (auto-commit) transaction: session.run, not a managed one.
// $codes: the projects to empty; $code: the gathered project. No result.
MATCH (big:Project {code: $code})
UNWIND $codes AS moved
MATCH (:Project {code: moved})<-[r:PART_OF]-(n)
CALL (big, r, n) {
  DELETE r
  CREATE (n)-[:PART_OF]->(big)
  SET n.projectCode = big.code
} IN TRANSACTIONS OF 10000 ROWS
