// The workflow run that produced each asset or prompt (DataLoader batch).
// $ids: node ids. Result: id, workflow (map)
UNWIND $ids AS id
MATCH (n {id: id})-[:GENERATED_FROM]->(w:Workflow)
WHERE n:Asset OR n:Prompt
RETURN id, properties(w) AS workflow
