// What was built from each asset or prompt: assets and prompts pointing at it
// through GENERATED_FROM or USES_FRAME (DataLoader batch).
// $ids: node ids. Result: id, assets (list of maps, oldest first)
UNWIND $ids AS id
MATCH (n {id: id})<-[:GENERATED_FROM|USES_FRAME]-(a:Asset)
WHERE n:Asset OR n:Prompt
WITH id, a ORDER BY a.createdAt
RETURN id, collect(DISTINCT properties(a)) AS assets
