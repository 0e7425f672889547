// What was built from each asset or prompt: assets pointing at it through
// GENERATED_FROM or USES_FRAME (DataLoader batch).
// $ids: asset or prompt ids. Result: id, assets (list of maps, oldest first)
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Asset {id: id}) RETURN n
  UNION
  MATCH (n:Prompt {id: id}) RETURN n
}
MATCH (n)<-[:GENERATED_FROM|USES_FRAME]-(a:Asset)
WITH DISTINCT id, a ORDER BY a.createdAt, a.id
RETURN id, collect(properties(a)) AS assets
