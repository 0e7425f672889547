// The prompts each asset was generated from (DataLoader batch).
// $ids: asset ids. Result: id, prompts (list of maps, oldest first)
UNWIND $ids AS id
MATCH (:Asset {id: id})-[:GENERATED_FROM]->(p:Prompt)
WITH id, p ORDER BY p.createdAt, p.id
RETURN id, collect(properties(p)) AS prompts
