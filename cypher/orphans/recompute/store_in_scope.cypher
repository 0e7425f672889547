// Fragment, last part of a statement (after orphans/recompute/roots_in_scope, which
// binds d and roots): stores the recomputed orphan state where it differs from what is
// stored, and moves each project's maintained orphan count by the scope's differences
// (its assets outside the scope are not read).
// Result: one row: moves: [[orphaned: [id] (newly), restored: [id] (no longer
//   orphaned), changed: [id] (orphaned still, other root causes)]], one per project
WITH d, roots, size(roots) > 0 AS now, coalesce(d.orphaned, false) AS was,
     coalesce(d.orphanRootCauses, []) AS before
WITH d, now, was, roots, was <> now OR any(x IN roots WHERE NOT x IN before)
     OR any(x IN before WHERE NOT x IN roots) AS differs
WHERE differs
SET d.orphaned = now
SET d.orphanRootCauses = roots
WITH d.projectCode AS code,
     collect(CASE WHEN now AND NOT was THEN d.id END) AS orphaned,
     collect(CASE WHEN was AND NOT now THEN d.id END) AS restored,
     collect(CASE WHEN was AND now THEN d.id END) AS changed
CALL (code, orphaned, restored) {
  MATCH (p:Project {code: code}) WHERE size(orphaned) <> size(restored)
  SET p.orphanCount = coalesce(p.orphanCount, 0) + size(orphaned) - size(restored)
}
RETURN collect([orphaned, restored, changed]) AS moves
