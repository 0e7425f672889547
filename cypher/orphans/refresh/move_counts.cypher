// Fragment, after orphans/refresh/move_root (which binds rootMoved, after a part that
// binds moved and deltas: what the statement stored before it, as moves or as count
// changes), before orphans/refresh/return_claimed or orphans/refresh/return_stored:
// moves the projects' orphan counts by as much as all of them (moves: each [id,
// projectCode, orphaned before, orphaned after]; deltas: [{projectCode, delta}]), in
// one pass in project code order after every asset's lock, so the statements that move
// counts lock projects in one order.
CALL (moved, rootMoved, deltas) {
  UNWIND [m IN moved + rootMoved |
           {projectCode: m[1],
            delta: CASE WHEN m[3] THEN 1 ELSE 0 END - CASE WHEN m[2] THEN 1 ELSE 0 END}]
         + deltas AS change
  WITH change.projectCode AS code, sum(change.delta) AS delta
  WHERE code IS NOT NULL AND delta <> 0
  WITH code, delta ORDER BY code
  MATCH (p:Project {code: code})
  SET p.orphanCount = coalesce(p.orphanCount, 0) + delta
}
