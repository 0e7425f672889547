// Nested page fragment (between assets/page/limited and assets/page/collected): the source
// assets the asset was generated from, oldest first, as assets/list_sources_of reads them.
// Adds nested.sources: [map]
CALL (a) {
  MATCH (a)-[:GENERATED_FROM]->(s:Asset)
  WITH s ORDER BY s.createdAt, s.id
  RETURN collect(properties(s)) AS sources
}
WITH a, key, nested {.*, sources: sources} AS nested
