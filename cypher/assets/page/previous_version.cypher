// Nested page fragment (between assets/page/limited and assets/page/collected): the
// attempt of the asset's slot just before it (the highest lower version), or null.
// Adds nested.previousVersion: [value of $shown.previousVersion] or null
CALL (a) {
  OPTIONAL MATCH (v:Asset {slotKey: a.slotKey}) WHERE v.version < a.version
  WITH v ORDER BY v.version DESC LIMIT 1
  RETURN CASE WHEN v IS NULL THEN null ELSE [k IN $shown.previousVersion | v[k]] END
    AS previousVersion
}
WITH a, key, nested {.*, previousVersion: previousVersion} AS nested
