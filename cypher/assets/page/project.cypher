// Nested page fragment (between assets/page/limited and assets/page/collected): the
// asset's project, or null (through the unique code), as projects/find_many reads it.
// Adds nested.project: map or null
CALL (a) {
  OPTIONAL MATCH (p:Project {code: a.projectCode})
  RETURN properties(p) AS project
}
WITH a, key, nested {.*, project: project} AS nested
