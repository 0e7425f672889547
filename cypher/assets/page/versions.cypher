// Nested page fragment (between assets/page/limited and assets/page/collected): every
// attempt of the asset's slot, oldest version first, as assets/list_versions_of reads them
// (through the index on slotKey). Adds nested.versions: [[value of $shown.versions]]
CALL (a) {
  MATCH (v:Asset {slotKey: a.slotKey})
  WITH v ORDER BY v.version
  RETURN collect([k IN $shown.versions | v[k]]) AS versions
}
WITH a, key, nested {.*, versions: versions} AS nested
