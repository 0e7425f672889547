// Nested page fragment (between assets/page/limited and assets/page/collected): the
// current attempt of the asset's slot (the lowest version marked current), or null.
// Adds nested.currentVersion: [value of $shown.currentVersion] or null
CALL (a) {
  OPTIONAL MATCH (v:Asset {slotKey: a.slotKey}) WHERE v.isCurrent
  WITH v ORDER BY v.version LIMIT 1
  RETURN CASE WHEN v IS NULL THEN null ELSE [k IN $shown.currentVersion | v[k]] END
    AS currentVersion
}
WITH a, key, nested {.*, currentVersion: currentVersion} AS nested
