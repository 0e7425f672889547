// The full orphan recomputation in one pass over the graph: every live asset
// (current, or generating) that has a root cause, with its root causes and the
// state it has stored. Root causes are superseded, failed or archived attempts and
// revised prompts (for each live asset built straight from them), and live assets
// whose own file is missing (their own root). Each reaches everything built from
// that live asset through live assets and unpinned edges.
// The work splits into $parts by the root cause's version (prompts: part 0 only, the
// other parts skip their scan), run side by side; an asset reached from roots of
// several parts is in each of them.
// $parts; $part (0 to $parts - 1); $chunk: entries per result row (few big rows
// decode far faster than many).
// Result rows: chunk: [[id, projectCode, storedOrphaned, storedRootCauses, [rootCause]]]
CALL () {
  CALL () {
    MATCH (r:Asset) WHERE r.status IN ['failed', 'archived']
      AND coalesce(r.version, 0) % $parts = $part
    RETURN r
    UNION ALL
    MATCH (r:Asset {status: 'ready'}) WHERE NOT coalesce(r.isCurrent, false)
      AND coalesce(r.version, 0) % $parts = $part
    RETURN r
    UNION ALL
    UNWIND CASE WHEN $part = 0 THEN [true] ELSE [] END AS promptsPart
    MATCH (:Prompt)-[:REGENERATES]->(r:Prompt)
    RETURN DISTINCT r
  }
  MATCH (r)<-[e:GENERATED_FROM|USES_FRAME]-(s:Asset)
  WHERE (s.status = 'generating' OR (s.status = 'ready' AND s.isCurrent))
    AND NOT coalesce(e.pinned, false)
  RETURN DISTINCT r.id AS root, s
  UNION ALL
  MATCH (s:Asset) WHERE s.fileMissing = true AND coalesce(s.version, 0) % $parts = $part
    AND (s.status = 'generating' OR (s.status = 'ready' AND s.isCurrent))
  RETURN s.id AS root, s
}
MATCH ANY SHORTEST (s)(()<-[e:GENERATED_FROM|USES_FRAME WHERE NOT coalesce(e.pinned, false)]-
      (n:Asset WHERE n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent)))*(d)
WITH d, collect(DISTINCT root) AS roots
WITH collect([d.id, d.projectCode, coalesce(d.orphaned, false), d.orphanRootCauses, roots])
     AS found
UNWIND range(0, size(found) - 1, $chunk) AS start
RETURN found[start..start + $chunk] AS chunk
