// The workflow run that produced each asset or prompt (DataLoader batch).
// $ids: asset or prompt ids. Result: id, workflow (map)
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Asset {id: id}) RETURN n
  UNION
  MATCH (n:Prompt {id: id}) RETURN n
}
MATCH (n)-[:GENERATED_FROM]->(w:Workflow)
RETURN id, properties(w) AS workflow
