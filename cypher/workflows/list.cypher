// A page of workflow runs, newest first (ties by id, descending; runs without startedAt
// last), after a keyset cursor.
// $engine, $projectCode, $status (null for any); $afterKey, $afterId: startedAt and id of
// the previous page's last run ($afterId null for the first page); $limit
// Result: one row: totalCount (every match), workflows: up to $limit [map]
OPTIONAL MATCH (w:Workflow)
WHERE ($engine IS NULL OR w.engine = $engine)
  AND ($projectCode IS NULL OR w.projectCode = $projectCode)
  AND ($status IS NULL OR w.status = $status)
WITH collect(w) AS matches
CALL (matches) {
  UNWIND matches AS w
  WITH w WHERE $afterId IS NULL
    OR (w.startedAt IS NULL AND ($afterKey IS NOT NULL OR w.id < $afterId))
    OR w.startedAt < $afterKey
    OR (w.startedAt = $afterKey AND w.id < $afterId)
  ORDER BY w.startedAt IS NULL, w.startedAt DESC, w.id DESC
  LIMIT $limit
  RETURN collect(properties(w)) AS workflows
}
RETURN size(matches) AS totalCount, workflows
