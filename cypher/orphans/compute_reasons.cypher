// The full orphan recomputation in one pass over the graph: every live asset
// (current, or generating) that has a reason, with its candidate reasons, and
// the state it has stored. Seeds are the root causes: superseded, failed or
// archived attempts and revised prompts, with each live asset built straight
// from them (a STALE or BROKEN reason at depth 1), and live assets whose own
// file is missing (BROKEN at depth 0, their own root). From each seed, the
// shortest paths down through live assets and unpinned edges give the
// INHERITED reasons. Several candidates may share a (kind, root cause): the
// rules (orphans/rules.py status_of) keep the shortest, then smallest, path.
// The work splits into $parts by the root cause's version (prompts: part 0), run
// side by side; an asset reached from roots of several parts is in each of them.
// $parts; $part (0 to $parts - 1); $chunk: entries per result row (few big rows
// decode far faster than many).
// Result rows: chunk: [[id, storedReasons (JSON text), storedOrphaned,
//   [[kind, rootCause, depth, path]]]]
CALL () {
  CALL () {
    MATCH (r:Asset) WHERE r.status IN ['failed', 'archived']
    RETURN r, 'broken' AS kind
    UNION ALL
    MATCH (r:Asset {status: 'ready'}) WHERE NOT coalesce(r.isCurrent, false)
    RETURN r, 'stale' AS kind
    UNION ALL
    MATCH (:Prompt)-[:REGENERATES]->(r:Prompt)
    RETURN DISTINCT r, 'stale' AS kind
  }
  WITH r, kind WHERE coalesce(r.version, 0) % $parts = $part
  MATCH (r)<-[e:GENERATED_FROM|USES_FRAME]-(s:Asset)
  WHERE (s.status = 'generating' OR (s.status = 'ready' AND s.isCurrent))
    AND NOT coalesce(e.pinned, false)
  RETURN r.id AS root, s, kind, [r.id] AS prefix
  UNION ALL
  MATCH (s:Asset) WHERE s.fileMissing = true AND coalesce(s.version, 0) % $parts = $part
    AND (s.status = 'generating' OR (s.status = 'ready' AND s.isCurrent))
  RETURN s.id AS root, s, 'broken' AS kind, [] AS prefix
}
CALL (s, root, kind, prefix) {
  RETURN s AS d, kind AS reasonKind, size(prefix) AS depth, prefix + [s.id] AS path
  UNION ALL
  MATCH p = ALL SHORTEST (s) (()<-[e:GENERATED_FROM|USES_FRAME WHERE NOT coalesce(e.pinned, false)]-
        (n:Asset WHERE n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent)))+ (d)
  RETURN d, 'inherited' AS reasonKind, size(prefix) + length(p) AS depth,
         prefix + [x IN nodes(p) | x.id] AS path
}
WITH d, collect([reasonKind, root, depth, path]) AS candidates
WITH collect([d.id, d.orphanReasons, coalesce(d.orphaned, false), candidates]) AS found
UNWIND range(0, size(found) - 1, $chunk) AS start
RETURN found[start..start + $chunk] AS chunk
