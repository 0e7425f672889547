// A page of prompts, newest first, optionally by kind, role, project or full-text search.
// $kind, $role, $projectCode, $search (Lucene query or null), $skip, $limit
// Result: one row: totalCount, prompts (list of maps)
CALL () {
  WITH $search AS search WHERE search IS NULL
  MATCH (p:Prompt) RETURN p
  UNION
  WITH $search AS search WHERE search IS NOT NULL
  CALL db.index.fulltext.queryNodes('prompt_text', search) YIELD node
  WITH node AS p WHERE p:Prompt
  RETURN p
}
WITH p WHERE ($kind IS NULL OR p.kind = $kind) AND ($role IS NULL OR p.role = $role)
  AND ($projectCode IS NULL OR p.projectCode = $projectCode)
WITH p ORDER BY p.createdAt DESC, p.id
WITH collect(p) AS matched
RETURN size(matched) AS totalCount, [p IN matched[$skip..$skip + $limit] | properties(p)] AS prompts
