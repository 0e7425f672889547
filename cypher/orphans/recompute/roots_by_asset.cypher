// Fragment, first part of a statement (then orphans/recompute/store_recomputed or
// orphans/recompute/list_recomputed): the full orphan recomputation in one pass over
// the graph. Root causes are superseded, failed or archived attempts and revised
// prompts (for each live asset built straight from them), and live assets whose own
// file is missing (their own root); each reaches everything built from that live
// asset through live assets (current, or generating) and unpinned edges. Every asset
// stored as orphaned is there too (with no root cause when none reaches it now).
// No parameters.
// Binds: d (the asset), roots: [root cause id] (distinct, in id order)
CALL () {
  CALL () {
    CALL () {
      MATCH (r:Asset) WHERE r.status IN ['failed', 'archived']
      RETURN r
      UNION ALL
      MATCH (r:Asset {status: 'ready'}) WHERE NOT coalesce(r.isCurrent, false)
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
  MATCH ANY SHORTEST (s)(()<-[e:GENERATED_FROM|USES_FRAME WHERE NOT coalesce(e.pinned, false)]-
        (n:Asset WHERE n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent)))*(d)
  UNWIND rootsOfS AS root
  RETURN d, root
  UNION ALL
  MATCH (d:Asset) WHERE d.orphaned = true
  RETURN d, null AS root
}
WITH d, root ORDER BY root
WITH d, collect(DISTINCT root) AS roots
