// Nested page fragment (between assets/page/limited and assets/page/collected): the prompts
// the asset was generated from, oldest first, as assets/list_prompts_of reads them.
// Adds nested.prompts: [[value of $shown.prompts]]
CALL (a) {
  MATCH (a)-[:GENERATED_FROM]->(p:Prompt)
  WITH p ORDER BY p.createdAt, p.id
  RETURN collect([k IN $shown.prompts | p[k]]) AS prompts
}
WITH a, key, nested {.*, prompts: prompts} AS nested
