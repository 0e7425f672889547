// Fragment, last part of a statement (after orphans/recompute/roots_by_asset, which
// binds d and roots): stores the recomputed orphan state where it differs from what
// is stored (whether orphaned, and the root causes), and sets each project's
// maintained orphan count where it differs (0 for a project with no orphan).
// Result: one row: moves: [[orphaned: [id] (newly), restored: [id] (no longer
//   orphaned), changed: [id] (orphaned still, other root causes)]], one per project
WITH d, roots, size(roots) > 0 AS now, coalesce(d.orphaned, false) AS was,
     coalesce(d.orphanRootCauses, []) AS before
WITH d, roots, now, was, was <> now OR any(x IN roots WHERE NOT x IN before)
     OR any(x IN before WHERE NOT x IN roots) AS differs
FOREACH (_ IN CASE WHEN differs THEN [1] ELSE [] END |
  SET d.orphaned = now, d.orphanRootCauses = roots)
WITH d.projectCode AS code, count(CASE WHEN now THEN 1 END) AS orphans,
     collect(CASE WHEN differs AND now AND NOT was THEN d.id END) AS orphaned,
     collect(CASE WHEN differs AND was AND NOT now THEN d.id END) AS restored,
     collect(CASE WHEN differs AND was AND now THEN d.id END) AS changed
CALL (code, orphans) {
  MATCH (p:Project {code: code}) WHERE coalesce(p.orphanCount, -1) <> orphans
  SET p.orphanCount = orphans
}
WITH collect(code) AS codes, collect([orphaned, restored, changed]) AS moves
CALL (codes) {
  MATCH (p:Project) WHERE coalesce(p.orphanCount, -1) <> 0 AND NOT p.code IN codes
  SET p.orphanCount = 0
}
RETURN moves
