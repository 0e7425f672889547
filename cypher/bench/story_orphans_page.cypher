// Bench floor (bench-story): a project's orphans page in one statement: how many of its
// assets are orphaned (counted, not read from the project), and the first $limit of
// them, newest first (ties by id).
// $projectCode; $limit. Result: one row: totalCount, ids
CALL () {
  MATCH (a:Asset)
  WHERE a.projectCode = $projectCode AND a.orphaned = true
  RETURN count(a) AS totalCount
}
CALL () {
  MATCH (a:Asset)
  WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL AND a.orphaned = true
  WITH a ORDER BY a.projectCode DESC, a.createdAt DESC, a.id DESC
  LIMIT $limit
  RETURN collect(a.id) AS ids
}
RETURN totalCount, ids
