// The orphan refresh's short way, for a change that only makes one asset start
// ($add) or stop (NOT $add) being a root cause, while nothing was inherited
// through it (the refresh checks that first: orphans/tracker.py). Starting: every
// live asset built from it through live assets and unpinned edges gains it as a
// root cause. Stopping: every asset that has it as a root cause loses it. Assets
// in $exclude are left alone (the refresh evaluates them the long way).
// Everything built from $root is write-locked first, as claim_affected does, and
// `complete` says whether a consumer committed while it waited went unlocked (the
// caller then runs it again; nothing is written when it is false). Projects'
// orphan counts move by as much.
// $root: asset id; $add: true or false; $exclude: [asset id]
// Result: one row: complete, orphaned: [id], restored: [id], changed: [id]
MATCH (r:Asset {id: $root})
CALL (r) {
  MATCH (r)<-[:GENERATED_FROM|USES_FRAME*1..]-(a:Asset)
  RETURN collect(DISTINCT a) AS below
}
FOREACH (a IN below | SET a.orphanLock = true)
WITH r, below
CALL (r, below) {
  UNWIND [r] + below AS c
  OPTIONAL MATCH (c)<-[:GENERATED_FROM|USES_FRAME]-(n:Asset) WHERE n.orphanLock IS NULL
  RETURN count(n) = 0 AS complete
}
FOREACH (a IN below | REMOVE a.orphanLock)
WITH r, below, complete
CALL (r, below, complete) {
  CALL (r, below, complete) {
    WITH r WHERE complete AND $add
    MATCH ANY SHORTEST (r)(()<-[e:GENERATED_FROM|USES_FRAME WHERE NOT coalesce(e.pinned, false)]-
          (n:Asset WHERE n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent)))+(d)
    WITH DISTINCT d WHERE NOT d.id IN $exclude
    WITH d, coalesce(d.orphanRootCauses, []) AS before WHERE NOT $root IN before
    RETURN d, before, COLLECT { UNWIND before + $root AS x RETURN x ORDER BY x } AS after
    UNION ALL
    WITH below WHERE complete AND NOT $add
    UNWIND below AS d
    WITH d, coalesce(d.orphanRootCauses, []) AS before
    WHERE $root IN before AND NOT d.id IN $exclude
    RETURN d, before, [x IN before WHERE x <> $root] AS after
  }
  SET d.orphanRootCauses = after, d.orphaned = size(after) > 0
  RETURN collect([d.id, d.projectCode, size(before) > 0, size(after) > 0]) AS moved
}
CALL (moved) {
  UNWIND moved AS m
  WITH m[1] AS code, sum(CASE WHEN m[3] THEN 1 ELSE 0 END - CASE WHEN m[2] THEN 1 ELSE 0 END) AS delta
  WHERE code IS NOT NULL AND delta <> 0
  WITH code, delta ORDER BY code
  MATCH (p:Project {code: code})
  SET p.orphanCount = coalesce(p.orphanCount, 0) + delta
}
RETURN complete,
       [m IN moved WHERE m[3] AND NOT m[2] | m[0]] AS orphaned,
       [m IN moved WHERE m[2] AND NOT m[3] | m[0]] AS restored,
       [m IN moved WHERE m[2] AND m[3] | m[0]] AS changed
