// Fragment, first part of a statement (then orphans/recompute/store_recomputed or
// orphans/recompute/list_recomputed): the full orphan recomputation in one pass over
// the graph. Root causes are superseded, failed or archived attempts and revised
// prompts (for each live asset built straight from them), and live assets whose own
// file is missing (their own root); each reaches everything built from that live
// asset through live assets (current, or generating) and unpinned edges (a pruning
// walk: each asset once per start, where a shortest-path pattern costs more to plan and,
// cold, to run). Every asset stored as orphaned is there too (with no root cause when
// none reaches it now). Revised prompts are found from the REGENERATES relationships
// (a scan of every prompt costs 3x the db hits).
// No parameters.
// Binds: d (the asset), roots: [root cause id] (distinct, in id order)
CALL () {
  CALL () {
    CALL () {
      MATCH (r:Asset) WHERE r.status IN ['failed', 'archived', 'ready']
        AND NOT (r.status = 'ready' AND coalesce(r.isCurrent, false))
      RETURN r
      UNION ALL
      MATCH ()-[g:REGENERATES]->(r)
      WITH DISTINCT r, startNode(g) AS reviser WHERE r:Prompt AND reviser:Prompt
      RETURN DISTINCT r
    }
    MATCH (r)<-[e:GENERATED_FROM|USES_FRAME]-(s:Asset)
    WHERE (s.status = 'generating' OR (s.status = 'ready' AND s.isCurrent))
      AND NOT coalesce(e.pinned, false)
    RETURN DISTINCT r.id AS root, s
    UNION ALL
    MATCH (s:Asset) WHERE s.fileMissing = true
      AND (s.status = 'generating' OR (s.status = 'ready' AND s.isCurrent))
    RETURN s.id AS root, s
  }
  WITH s, collect(root) AS rootsOfS
  MATCH p = (s)<-[:GENERATED_FROM|USES_FRAME*0..]-(d:Asset)
  WHERE all(e IN relationships(p) WHERE NOT coalesce(e.pinned, false))
    AND all(n IN nodes(p) WHERE n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent))
  WITH DISTINCT rootsOfS, d
  UNWIND rootsOfS AS root
  RETURN d, root
  UNION ALL
  MATCH (d:Asset) WHERE d.orphaned = true
  RETURN d, null AS root
}
WITH d, root ORDER BY root
WITH d, collect(DISTINCT root) AS roots
