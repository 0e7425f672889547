// The orphan refresh's one write (lineage.orphans.refresh), first part: stores the
// states computed for the claimed assets, binds the projects' count changes they make
// (orphans/refresh/move_counts applies them, with the short way's, after every asset's
// lock) and the short way's root. Then orphans/refresh/move_root,
// orphans/refresh/move_counts and orphans/refresh/return_stored.
// $refresh (one map: Neo4j plans a statement once per combination of its parameters' types
// and list and string size classes; a map is one type whatever it holds):
// rows: [{id, orphaned, rootCauses: [id]}]; deltas: [{projectCode, delta}] in
// projectCode order; root (asset id or null); add; exclude: [id]; assetId (or null)
// Binds: r (the asset $refresh.root, or null), add, exclude, deltas ($refresh.deltas),
//   moved (none: deltas say what the stored states change in each project)
CALL () {
  UNWIND $refresh.rows AS row
  MATCH (a:Asset {id: row.id})
  // Two SET clauses: one SET of both costs Neo4j more CPU (docs/performance.md)
  SET a.orphaned = row.orphaned
  SET a.orphanRootCauses = row.rootCauses
}
OPTIONAL MATCH (r:Asset {id: $refresh.root})
WITH r, $refresh.add AS add, $refresh.exclude AS exclude, $refresh.deltas AS deltas, [] AS moved
