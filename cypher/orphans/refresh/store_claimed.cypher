// Fragment, last part of a change's statement, after orphans/refresh/claim_changed: when
// the claim is complete, takes no short way and claimed at most $claim.storeAtMost
// assets, it finishes the orphan refresh in the same statement, so a small change is one
// statement: each claimed live asset gets the own root causes of every claimed live asset
// it is built from through unpinned edges, itself included (what
// lineage.orphans.tracker.reevaluation works out in Python), what differs from the
// stored state is stored, the projects' counts move by as much, and the asset
// $claim.assetId is read back. Otherwise it stores nothing and returns the claim, which
// lineage.orphans.refresh finishes (orphans/store_refresh).
// $claim: {shortWayConsumers, storeAtMost, assetId} (one map, as claim_changed says)
// Result: one row: stored (the refresh is done), complete, rows (empty when stored),
//   moveRoot, add, others (as orphans/refresh/return_claim), orphaned, restored,
//   changed: [id] (assets whose state it stored: newly orphaned, no longer, other root
//   causes), asset (map, or null when not stored or not found)
WITH complete, rows, moveRoot, add, others, claimed,
     complete AND moveRoot IS NULL AND size(rows) <= $claim.storeAtMost AS stored
CALL (claimed, rows, stored) {
  WITH rows, [a IN claimed WHERE stored AND (a.status = 'generating'
                OR (a.status = 'ready' AND coalesce(a.isCurrent, false)))] AS live
  UNWIND live AS a
  MATCH up = (a)-[:GENERATED_FROM|USES_FRAME*0..]->(b)
  WHERE all(n IN nodes(up) WHERE n IN live)
    AND all(e IN relationships(up) WHERE NOT coalesce(e.pinned, false))
  WITH rows, a, collect(DISTINCT b.id) AS upstream
  RETURN collect([a.id, COLLECT {
    UNWIND [r IN rows WHERE r[0] IN upstream] AS r
    UNWIND r[4] AS root
    WITH DISTINCT root ORDER BY root
    RETURN root
  }]) AS fresh
}
CALL (rows, fresh, stored) {
  UNWIND CASE WHEN stored THEN rows ELSE [] END AS r
  WITH r, coalesce(r[3], []) AS before,
       coalesce([f IN fresh WHERE f[0] = r[0] | f[1]][0], []) AS after
  WHERE r[2] <> (size(after) > 0)
     OR any(x IN before WHERE NOT x IN after) OR any(x IN after WHERE NOT x IN before)
  MATCH (d:Asset {id: r[0]})
  SET d.orphaned = size(after) > 0, d.orphanRootCauses = after
  RETURN collect([r[0], r[1], r[2], size(after) > 0]) AS moved
}
CALL (moved) {
  UNWIND moved AS m
  WITH m[1] AS code,
       sum(CASE WHEN m[3] THEN 1 ELSE 0 END - CASE WHEN m[2] THEN 1 ELSE 0 END) AS delta
  WHERE code IS NOT NULL AND delta <> 0
  WITH code, delta ORDER BY code
  MATCH (p:Project {code: code})
  SET p.orphanCount = coalesce(p.orphanCount, 0) + delta
}
OPTIONAL MATCH (x:Asset {id: $claim.assetId}) WHERE stored
RETURN stored, complete, CASE WHEN stored THEN [] ELSE rows END AS rows, moveRoot, add,
       others,
       [m IN moved WHERE m[3] AND NOT m[2] | m[0]] AS orphaned,
       [m IN moved WHERE m[2] AND NOT m[3] | m[0]] AS restored,
       [m IN moved WHERE m[2] = m[3] | m[0]] AS changed,
       properties(x) AS asset
