// Fragment, after orphans/refresh/claim_changed, of a change's statement, before
// orphans/refresh/move_root, orphans/refresh/move_counts and
// orphans/refresh/return_claimed: when the claim is complete and claimed at most
// $claim.storeAtMost assets, it finishes the orphan refresh in the same statement, so a
// change is one statement: each claimed live asset gets the own root causes of every
// claimed live asset it is built from through unpinned edges, itself included (what
// lineage.orphans.tracker.reevaluation works out in Python), what differs from the
// stored state is stored (move_counts moves the projects' counts by as much), and the
// short way's asset (when the claim found one) is bound for move_root. Otherwise it
// stores nothing and binds no short way: lineage.orphans.refresh finishes the claim
// (orphans/refresh/store_states).
// $claim: {shortWayConsumers, storeAtMost, assetId} (one map, as claim_changed says)
// Binds: stored (the claim's part is done), complete, rows, moveRoot, add, others (as
//   claim_changed), moved: [[id, projectCode, orphaned before, after]], deltas (none:
//   moved says it all), r (the short way's asset when stored, else null), exclude (others)
WITH complete, rows, moveRoot, add, others, claimed,
     complete AND size(rows) <= $claim.storeAtMost AS stored
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
  // Two SET clauses: one SET of both costs Neo4j more CPU (docs/performance.md)
  SET d.orphaned = size(after) > 0
  SET d.orphanRootCauses = after
  RETURN collect([r[0], r[1], r[2], size(after) > 0]) AS moved
}
OPTIONAL MATCH (r:Asset {id: moveRoot}) WHERE stored
WITH stored, complete, rows, moveRoot, add, others, moved, [] AS deltas, r, others AS exclude
