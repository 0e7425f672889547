// Why each of the given assets is orphaned: its candidate reasons, derived from
// the graph as it is now (only `orphaned` and the root causes are stored). From
// the asset, the shortest paths up through live assets (current, or generating)
// and unpinned edges reach each live ancestor; an ancestor with a missing file,
// or built straight from a superseded, failed or archived attempt or a revised
// prompt, gives a reason rooted there: STALE or BROKEN when the ancestor is the
// asset itself, INHERITED otherwise. Several candidates may share a (kind, root
// cause): the rules (orphans/rules.py status_of) keep the shortest, then smallest,
// path, as the full recomputation does.
// Paste into Neo4j Browser with  :param ids => ['video-001-002']
// $ids: [asset id]
// Result per asset that is live and has a reason: id,
//   candidates: [[kind, rootCause, depth, path (root cause first)]]
UNWIND $ids AS id
MATCH (d:Asset {id: id})
WHERE d.status = 'generating' OR (d.status = 'ready' AND d.isCurrent)
MATCH p = ALL SHORTEST (d)(()-[e:GENERATED_FROM|USES_FRAME WHERE NOT coalesce(e.pinned, false)]->
      (n:Asset WHERE n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent)))*(s)
WITH d, s, reverse([x IN nodes(p) | x.id]) AS down
CALL (d, s, down) {
  WITH * WHERE s.fileMissing = true
  RETURN CASE WHEN s = d THEN 'broken' ELSE 'inherited' END AS kind,
         s.id AS root, size(down) - 1 AS depth, down AS path
  UNION ALL
  MATCH (s)-[e:GENERATED_FROM|USES_FRAME]->(r)
  WHERE NOT coalesce(e.pinned, false)
    AND ((r:Asset AND (r.status IN ['failed', 'archived']
                       OR (r.status = 'ready' AND NOT coalesce(r.isCurrent, false))))
         OR (r:Prompt AND COUNT { (r)<-[:REGENERATES]-() } > 0))
  RETURN CASE WHEN s <> d THEN 'inherited'
              WHEN r.status IN ['failed', 'archived'] THEN 'broken'
              ELSE 'stale' END AS kind,
         r.id AS root, size(down) AS depth, [r.id] + down AS path
}
RETURN d.id AS id, collect([kind, root, depth, path]) AS candidates
