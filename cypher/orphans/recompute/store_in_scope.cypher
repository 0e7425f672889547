// Fragment, last part of a statement (after orphans/recompute/roots_in_scope, which
// binds d and roots): stores the recomputed orphan state where it differs from what is
// stored, then counts afresh the orphans of every project of the scope's assets and of
// $scope.projects (a bulk change may have moved or replaced assets whose stored state
// its project counted: an import's stubs made real, say), each project locked before
// its assets are counted, in code order as orphans/refresh/move_counts locks them.
// $scope: {ids: [id], projects: [project code]}
// Result: one row: moves: [[orphaned: [id] (newly), restored: [id] (no longer
//   orphaned), changed: [id] (orphaned still, other root causes)]], one per project
//   with any
WITH d, roots, size(roots) > 0 AS now, coalesce(d.orphaned, false) AS was,
     coalesce(d.orphanRootCauses, []) AS before
WITH d, roots, now, was, was <> now OR any(x IN roots WHERE NOT x IN before)
     OR any(x IN before WHERE NOT x IN roots) AS differs
CALL (d, roots, now, differs) {
  WITH * WHERE differs
  // Two SET clauses: one SET of both costs Neo4j more CPU (docs/performance.md)
  SET d.orphaned = now
  SET d.orphanRootCauses = roots
}
WITH d.projectCode AS code,
     collect(CASE WHEN differs AND now AND NOT was THEN d.id END) AS orphaned,
     collect(CASE WHEN differs AND was AND NOT now THEN d.id END) AS restored,
     collect(CASE WHEN differs AND was AND now THEN d.id END) AS changed
WITH collect(code) AS codes,
     collect(CASE WHEN size(orphaned) + size(restored) + size(changed) > 0
                  THEN [orphaned, restored, changed] END) AS moves
CALL (codes) {
  UNWIND codes + $scope.projects AS code
  WITH DISTINCT code
  WITH code WHERE code IS NOT NULL
  ORDER BY code
  MATCH (p:Project {code: code})
  SET p.orphanLock = true
  REMOVE p.orphanLock
  WITH p
  CALL (p) {
    MATCH (a:Asset)
    USING INDEX a:Asset(projectCode, createdAt)
    WHERE a.projectCode = p.code AND a.createdAt IS NOT NULL AND a.orphaned = true
    RETURN count(a) AS orphans
  }
  SET p.orphanCount = orphans
}
RETURN moves
