// A page of prompts, newest first (ties by id, descending; prompts without createdAt
// last), optionally by kind, role, project or words (index prompt_words), after a
// keyset cursor.
// $kind, $role, $projectCode, $search (Lucene query or null); $afterKey, $afterId:
// createdAt and id of the previous page's last prompt ($afterId null for the first page);
// $limit
// Result: one row: totalCount (every match), prompts: up to $limit [map]
CALL () {
  WITH $search AS search WHERE search IS NULL
  MATCH (p:Prompt) RETURN p
  UNION
  WITH $search AS search WHERE search IS NOT NULL
  CALL db.index.fulltext.queryNodes('prompt_words', search) YIELD node
  WITH node AS p WHERE p:Prompt
  RETURN p
}
WITH p WHERE ($kind IS NULL OR p.kind = $kind) AND ($role IS NULL OR p.role = $role)
  AND ($projectCode IS NULL OR p.projectCode = $projectCode)
WITH collect(p) AS matches
CALL (matches) {
  UNWIND matches AS p
  WITH p WHERE $afterId IS NULL
    OR (p.createdAt IS NULL AND ($afterKey IS NOT NULL OR p.id < $afterId))
    OR p.createdAt < $afterKey
    OR (p.createdAt = $afterKey AND p.id < $afterId)
  ORDER BY p.createdAt IS NULL, p.createdAt DESC, p.id DESC
  LIMIT $limit
  RETURN collect(properties(p)) AS prompts
}
RETURN size(matches) AS totalCount, prompts
