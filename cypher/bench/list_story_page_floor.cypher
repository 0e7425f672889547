// Bench floor: Story Builder's page written by hand as one query (what the API's
// nested page is measured against): the first $limit ready videos of project
// $projectCode, newest first (ties by id), each with its frames (role, position, image
// id/filename/provider), prompts (id, text) and previous version (id, status).
// Result: one row: assets: [{id, frames: [{role, position, asset: {id, filename,
//   provider}}], prompts: [{id, text}], previousVersion: {id, status} or null}]
MATCH (a:Asset)
WHERE a.projectCode = $projectCode AND a.createdAt > ''
WITH a ORDER BY a.projectCode DESC, a.createdAt DESC, a.id DESC
WHERE a.type = 'video' AND a.status = 'ready'
WITH a LIMIT $limit
RETURN collect(a {
  .id,
  frames: COLLECT {
    MATCH (a)-[f:USES_FRAME]->(img:Asset)
    WITH f, img ORDER BY CASE f.role WHEN 'start' THEN 0 ELSE 1 END, f.position, img.id
    RETURN {role: f.role, position: f.position, asset: img {.id, .filename, .provider}}
  },
  prompts: COLLECT {
    MATCH (a)-[:GENERATED_FROM]->(p:Prompt)
    WITH p ORDER BY p.createdAt, p.id
    RETURN p {.id, .text}
  },
  previousVersion: head(COLLECT {
    MATCH (v:Asset {slotKey: a.slotKey}) WHERE v.version < a.version
    WITH v ORDER BY v.version DESC LIMIT 1
    RETURN v {.id, .status}
  })
}) AS assets
