// What a workflow run produced. $id. Result: one row: prompts, assets (lists of maps, oldest first)
MATCH (w:Workflow {id: $id})
RETURN
  COLLECT { MATCH (p:Prompt)-[:GENERATED_FROM]->(w) RETURN properties(p) ORDER BY p.createdAt, p.id } AS prompts,
  COLLECT { MATCH (a:Asset)-[:GENERATED_FROM]->(w) RETURN properties(a) ORDER BY a.createdAt, a.id } AS assets
