// The assets whose orphan state a change can move, claimed for re-evaluation:
// every attempt of the $slotKeys, the assets in $ids, and every asset built from
// them or from the prompts in $ids, at any depth. Each is write-locked first, so
// two transactions whose changes reach the same assets re-evaluate them one after
// the other (the second reads what the first committed); seeds are locked too, to
// meet the lock assets/create takes on a new asset's inputs. The query finds the
// assets before it waits for their locks, so `complete` says whether a consumer
// committed meanwhile went unclaimed (the caller then claims again).
// Per claimed asset it returns what the rules need to propagate root causes in
// dependency order (the rules of orphans/rules.py, applied here to the asset's own
// edges): `own`, the root causes it has whatever the other claimed assets get
// (its own missing file; each unpinned input that is superseded, failed, archived
// or a revised prompt; the stored root causes of each live unclaimed input), and
// `inside`, its live claimed inputs through unpinned edges. An asset that is not
// live (current, or generating) gets neither: it has no root cause.
// Claimed assets carry `orphanLock` while the query runs (it marks them; it is
// removed before the query ends, and the lock stays until the transaction ends).
// $slotKeys: [slot key]; $ids: [asset or prompt id]
// Result: one row: complete, rows: [[id, projectCode, orphaned, rootCauses (as
//   stored), own: [id], inside: [id]]]
CALL () {
  MATCH (s:Asset) WHERE s.slotKey IN $slotKeys RETURN s AS seed
  UNION
  MATCH (s:Asset) WHERE s.id IN $ids RETURN s AS seed
  UNION
  MATCH (s:Prompt) WHERE s.id IN $ids RETURN s AS seed
}
WITH collect(seed) AS seeds
FOREACH (s IN seeds | SET s.orphanLock = true REMOVE s.orphanLock)
WITH seeds
CALL (seeds) {
  UNWIND seeds AS seed
  MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
  RETURN collect(DISTINCT a) AS claimed
}
FOREACH (a IN claimed | SET a.orphanLock = true)
WITH seeds, claimed
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
RETURN complete, rows
