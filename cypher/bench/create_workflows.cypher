// Bench: creates one batch of generated workflow runs, each PART_OF its project.
// $rows: [{props: the run's properties, projectCode}]
// Result: created (count)
UNWIND $rows AS row
CREATE (w:Workflow)
SET w = row.props
WITH w, row
CALL (w, row) {
  MATCH (pr:Project {code: row.projectCode})
  CREATE (w)-[:PART_OF]->(pr)
}
RETURN count(w) AS created
