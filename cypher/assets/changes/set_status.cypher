// Fragment, first part of a statement (then assets/changes/refresh_current): changes
// an attempt's status when the rules allow it: only from one of from (the statuses it
// may become status from, lineage.assets.rules) and only outside an archived
// (read-only) project. Refused, it binds no row and changes nothing: what follows then
// starts from no changed node, and the caller reads why (assets/find_for_change).
// $statusChange (one map: Neo4j plans a statement once per combination of its parameters' types
// and list and string size classes; a map is one type whatever it holds):
// id, status, from: [status], changes: map of other properties to set (error,
// completedAt, currentSince...)
// Binds: a (the attempt)
MATCH (a:Asset {id: $statusChange.id})
WHERE a.status IN $statusChange.from
  AND NOT EXISTS { MATCH (:Project {code: a.projectCode, archived: true}) }
SET a += $statusChange.changes, a.status = $statusChange.status
WITH a
