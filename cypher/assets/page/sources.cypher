// Nested page fragment (between assets/page/limited and assets/page/collected): the source
// assets the asset was generated from, oldest first, as assets/list_sources_of reads them.
// Adds nested.sources: [[value of $shown.sources]]
CALL (a) {
  MATCH (a)-[:GENERATED_FROM]->(s:Asset)
  WITH s ORDER BY s.createdAt, s.id
  RETURN collect([k IN $shown.sources | s[k]]) AS sources
}
WITH a, key, nested {.*, sources: sources} AS nested
