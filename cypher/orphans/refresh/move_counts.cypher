// Fragment, after orphans/refresh/move_root (which binds rootMoved, after a part that
// binds moved: what the statement stored before it), before orphans/refresh/return_claimed
// or orphans/refresh/return_stored: moves the projects' orphan counts by as much as both
// moved (each [[id, projectCode, orphaned before, orphaned after]]), in project code
// order, so two statements lock projects in the same order.
CALL (moved, rootMoved) {
  UNWIND moved + rootMoved AS m
  WITH m[1] AS code,
       sum(CASE WHEN m[3] THEN 1 ELSE 0 END - CASE WHEN m[2] THEN 1 ELSE 0 END) AS delta
  WHERE code IS NOT NULL AND delta <> 0
  WITH code, delta ORDER BY code
  MATCH (p:Project {code: code})
  SET p.orphanCount = coalesce(p.orphanCount, 0) + delta
}
