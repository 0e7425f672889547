// The orphan refresh's one write (lineage.orphans.refresh), first part: stores the
// states computed for the claimed assets and moves projects' orphan counts by as much
// (as orphans/set_status), and binds the short way's root. Then orphans/refresh/move_root,
// orphans/refresh/move_counts and orphans/refresh/return_stored.
// $refresh (one map: Neo4j plans a statement once per combination of its parameters' types
// and list and string size classes; a map is one type whatever it holds):
// rows: [{id, orphaned, rootCauses: [id]}]; deltas: [{projectCode, delta}] in
// projectCode order; root (asset id or null); add; exclude: [id]; assetId (or null)
// Binds: r (the asset $refresh.root, or null), add, exclude, moved (none: $refresh.deltas
//   moved the counts of what it stored)
CALL () {
  UNWIND $refresh.rows AS row
  MATCH (a:Asset {id: row.id})
  SET a.orphaned = row.orphaned
  SET a.orphanRootCauses = row.rootCauses
}
CALL () {
  UNWIND $refresh.deltas AS change
  MATCH (p:Project {code: change.projectCode})
  SET p.orphanCount = coalesce(p.orphanCount, 0) + change.delta
}
OPTIONAL MATCH (r:Asset {id: $refresh.root})
WITH r, $refresh.add AS add, $refresh.exclude AS exclude, [] AS moved
