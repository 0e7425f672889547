// One workflow run by id. $id. Result: workflow (map) or no row.
MATCH (w:Workflow {id: $id})
RETURN properties(w) AS workflow
