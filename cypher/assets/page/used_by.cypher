// Nested page fragment (between assets/page/limited and assets/page/collected): the assets
// built from the asset (GENERATED_FROM or USES_FRAME), oldest first, as
// assets/list_used_by reads them. Adds nested.usedBy: [[value of $shown.usedBy]]
CALL (a) {
  MATCH (a)<-[:GENERATED_FROM|USES_FRAME]-(u:Asset)
  WITH DISTINCT u ORDER BY u.createdAt, u.id
  RETURN collect([k IN $shown.usedBy | u[k]]) AS usedBy
}
WITH a, key, nested {.*, usedBy: usedBy} AS nested
