// Fragment, first part of a statement (then orphans/recompute/store_in_scope): the
// orphan recomputation of a scope that a bulk change names (an import: its own nodes
// and every asset built from them, orphans/recompute/list_scope_beyond), by the rules
// of orphans/recompute/roots_by_asset, reading only the scope and its inputs: a live
// asset of the scope takes as its own root causes its superseded, failed or archived
// inputs and revised prompts (through unpinned edges), itself when its own file is
// missing, and the stored root causes of its live inputs outside the scope (which the
// change did not touch: nothing they are built from is in the scope); each asset
// with own root causes passes them down to every live asset built from it through live
// assets and unpinned edges (all in the scope, each once per start). State stored on
// the scope's assets is never read but to compare.
// $scope: {ids: [id]} (the seeds and the assets beyond them; prompts are skipped)
// Binds: d (an asset of the scope), roots: [root cause id] (distinct, in id order)
CALL () {
  UNWIND $scope.ids AS id
  MATCH (s:Asset {id: id})
  WHERE s.status = 'generating' OR (s.status = 'ready' AND s.isCurrent)
  CALL (s) {
    MATCH (s)-[e:GENERATED_FROM|USES_FRAME]->(x)
    WHERE NOT coalesce(e.pinned, false) AND (x:Asset OR x:Prompt)
    WITH x, x:Asset AND (x.status = 'generating'
                         OR (x.status = 'ready' AND coalesce(x.isCurrent, false))) AS live
    UNWIND CASE
      WHEN x:Prompt THEN CASE WHEN EXISTS { (x)<-[:REGENERATES]-(:Prompt) } THEN [x.id] ELSE [] END
      WHEN x.status IN ['failed', 'archived', 'ready'] AND NOT live THEN [x.id]
      WHEN live AND NOT x.id IN $scope.ids THEN coalesce(x.orphanRootCauses, [])
      ELSE []
    END AS root
    RETURN root
    UNION
    WITH s WHERE s.fileMissing = true
    RETURN s.id AS root
  }
  WITH s, collect(root) AS own WHERE size(own) > 0
  MATCH p = (s)<-[:GENERATED_FROM|USES_FRAME*0..]-(d:Asset)
  WHERE all(e IN relationships(p) WHERE NOT coalesce(e.pinned, false))
    AND all(n IN nodes(p) WHERE n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent))
  WITH DISTINCT own, d
  UNWIND own AS root
  RETURN d, root
  UNION ALL
  UNWIND $scope.ids AS id
  MATCH (d:Asset {id: id})
  RETURN d, null AS root
}
WITH d, root ORDER BY root
WITH d, collect(DISTINCT root) AS roots
