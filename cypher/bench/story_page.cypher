// Bench floor (bench-story): Story Builder's page in one statement: a project's first
// $limit ready videos, newest first (ties by id), each with its frames, the prompts it
// was made from and the attempt it regenerated.
// $projectCode; $limit.
// Result: id, frames [{role, position, id, filename, provider}], prompts [{id, text}],
//   previous {id, status} or null
MATCH (a:Asset)
WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL
  AND a.status = 'ready' AND a.type = 'video'
WITH a ORDER BY a.projectCode DESC, a.createdAt DESC, a.id DESC
LIMIT $limit
RETURN a.id AS id,
  [(a)-[f:USES_FRAME]->(img:Asset) |
    {role: f.role, position: f.position, id: img.id, filename: img.filename,
     provider: img.provider}] AS frames,
  [(a)-[:GENERATED_FROM]->(p:Prompt) | {id: p.id, text: p.text}] AS prompts,
  head([(a)-[:REGENERATES]->(prev:Asset) | {id: prev.id, status: prev.status}]) AS previous
