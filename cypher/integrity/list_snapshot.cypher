// The graph's content without its clocks: every asset, prompt and project with
// the properties that must not depend on when or how often it was written, and
// every edge between them. Two runs of the same work must give the same rows.
// No parameters. Result per node: key, labels, state (map), edges (sorted)
MATCH (n) WHERE n:Asset OR n:Prompt OR n:Project
WITH n, coalesce(n.id, n.code) AS key
RETURN key, labels(n) AS labels,
  n {.slotKey, .version, .status, .isCurrent, .type, .text, .orphaned, .orphanRootCauses, .orphanCount,
     .fileMissing, .fileProblem, .fileSha256, .legacyId} AS state,
  COLLECT {
    MATCH (n)-[r]->(m) WHERE m:Asset OR m:Prompt OR m:Project
    RETURN type(r) + '>' + coalesce(m.id, m.code) + coalesce('/' + r.role, '') AS edge
    ORDER BY edge
  } AS edges
ORDER BY key
