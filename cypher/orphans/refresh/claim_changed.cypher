// Fragment, after a part that binds `changed` (the assets and
// prompts a change touched, as it left them; nulls and repeats allowed), it claims what
// the change can affect for the orphan refresh (lineage.orphans.refresh), in the same
// round trip as the change.
// The short way: when exactly one changed asset has consumers, at least
// $claim.shortWayConsumers of them (null: never), nothing was inherited through it (no stored
// root causes) and the change only makes it start being a root cause (it is no longer
// live: superseded, failed or archived) or stop being one (it is live, its file is
// there, and nothing it was built from orphans it: no unpinned input is superseded,
// failed, archived, a revised prompt, changed, affected by the change, or live with
// root causes), it is not claimed: orphans/refresh/move_root moves its root cause below it,
// unless an asset the other changes claim is built from it, at any depth (a new attempt
// built from what its slot's previous attempt made, say: the claimed assets'
// re-evaluation reads their inputs' stored state, which the short way has not moved yet).
// Everything else is claimed: every changed node and every asset built from them, at
// any depth, write-locked first, so two
// transactions whose changes reach the same assets re-evaluate them one after the
// other; `complete` says whether a consumer committed meanwhile went unclaimed (the
// caller then claims again).
// $claim: {shortWayConsumers} (one map: Neo4j plans a statement once per combination of its parameters' types
// and list and string size classes; a map is one type whatever it holds)
// Then orphans/refresh/return_claim, or orphans/refresh/store_claimed.
// Binds: complete, rows: [[id, projectCode, orphaned, rootCauses (as stored),
//   own: [id], inside: [id]]] (own: the root causes it has whatever the other claimed
//   assets get; inside: its live claimed inputs through unpinned edges), moveRoot (the
//   short way's asset id, or null), add (it starts being a root cause: true; stops:
//   false), others: [id] (the other changed nodes, claimed), claimed (their nodes)
UNWIND changed AS s
WITH DISTINCT s WHERE s IS NOT NULL
WITH collect(s) AS seeds
WITH seeds, [s IN seeds WHERE EXISTS { (s)<-[:GENERATED_FROM|USES_FRAME]-() }] AS used
WITH seeds, CASE WHEN size(used) = 1 THEN used[0] END AS u
WITH seeds, u,
  coalesce($claim.shortWayConsumers IS NOT NULL AND u:Asset
    AND size(coalesce(u.orphanRootCauses, [])) = 0
    AND COUNT { (u)<-[:GENERATED_FROM|USES_FRAME]-() } >= $claim.shortWayConsumers, false) AS eligible
WITH seeds, u,
  CASE WHEN NOT eligible THEN null
       WHEN NOT (u.status = 'generating' OR (u.status = 'ready' AND coalesce(u.isCurrent, false)))
         THEN true
       WHEN NOT coalesce(u.fileMissing, false) THEN false
  END AS add
WITH seeds, u, add, [s IN seeds WHERE add IS NULL OR s <> u] AS others
CALL (others, add) {
  UNWIND CASE WHEN add IS NOT NULL THEN others ELSE [] END AS seed
  MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
  RETURN collect(DISTINCT a) AS reached
}
WITH seeds, u, others,
  CASE WHEN any(c IN reached WHERE EXISTS { (c)-[:GENERATED_FROM|USES_FRAME*1..]->(u) })
         THEN null
       WHEN add = false AND (u IN reached OR EXISTS {
      MATCH (u)-[e:GENERATED_FROM|USES_FRAME]->(i)
      WHERE NOT coalesce(e.pinned, false) AND (i:Asset OR i:Prompt)
        AND (i IN reached OR i IN seeds
             OR (i:Asset AND (i.status IN ['failed', 'archived']
                              OR (i.status = 'ready' AND NOT coalesce(i.isCurrent, false))
                              OR size(coalesce(i.orphanRootCauses, [])) > 0))
             OR (i:Prompt AND COUNT { (i)<-[:REGENERATES]-() } > 0))
    }) THEN null ELSE add END AS add
WITH CASE WHEN add IS NULL THEN seeds ELSE others END AS seeds,
     CASE WHEN add IS NULL THEN null ELSE u.id END AS moveRoot, add,
     [s IN others | s.id] AS others
FOREACH (s IN seeds | SET s.orphanLock = true REMOVE s.orphanLock)
WITH seeds, moveRoot, add, others
CALL (seeds) {
  UNWIND seeds AS seed
  MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
  RETURN collect(DISTINCT a) AS claimed
}
FOREACH (a IN claimed | SET a.orphanLock = true)
WITH seeds, claimed, moveRoot, add, others
CALL (seeds, claimed) {
  UNWIND seeds + claimed AS c
  OPTIONAL MATCH (c)<-[:GENERATED_FROM|USES_FRAME]-(n:Asset) WHERE n.orphanLock IS NULL
  RETURN count(n) = 0 AS complete
}
CALL (claimed) {
  UNWIND claimed AS a
  WITH a, a.status = 'generating' OR (a.status = 'ready' AND coalesce(a.isCurrent, false)) AS live
  OPTIONAL MATCH (a)-[e:GENERATED_FROM|USES_FRAME]->(i)
  WHERE live AND NOT coalesce(e.pinned, false) AND (i:Asset OR i:Prompt)
  WITH a, live, i,
    i:Asset AND (i.status = 'generating' OR (i.status = 'ready' AND coalesce(i.isCurrent, false)))
      AS inputLive,
    (i:Asset AND (i.status IN ['failed', 'archived']
                  OR (i.status = 'ready' AND NOT coalesce(i.isCurrent, false))))
      OR (i:Prompt AND COUNT { (i)<-[:REGENERATES]-() } > 0) AS direct
  WITH a, live,
    collect(CASE WHEN direct THEN i.id END) AS directRoots,
    collect(CASE WHEN inputLive AND i.orphanLock IS NULL THEN i.orphanRootCauses END) AS inherited,
    collect(CASE WHEN inputLive AND i.orphanLock THEN i.id END) AS inside
  RETURN collect([
    a.id, a.projectCode, coalesce(a.orphaned, false), a.orphanRootCauses,
    CASE WHEN live AND a.fileMissing THEN [a.id] ELSE [] END + directRoots
      + reduce(all = [], roots IN inherited | all + roots),
    inside
  ]) AS rows
}
FOREACH (a IN claimed | REMOVE a.orphanLock)
WITH complete, rows, moveRoot, add, others, claimed
