// The source assets each asset was generated from (DataLoader batch).
// $ids: asset ids. Result: id, assets (list of maps)
UNWIND $ids AS id
MATCH (:Asset {id: id})-[:GENERATED_FROM]->(s:Asset)
WITH id, s ORDER BY s.createdAt, s.id
RETURN id, collect(properties(s)) AS assets
