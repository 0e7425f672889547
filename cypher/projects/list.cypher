// A page of projects ordered by code (unique), after a keyset cursor.
// $afterId: the code of the previous page's last project (null for the first page); $limit
// Result: one row: totalCount (int, all projects), projects (list of maps, in order)
CALL () {
  OPTIONAL MATCH (counted:Project)
  RETURN count(counted) AS totalCount
}
CALL () {
  OPTIONAL MATCH (p:Project) WHERE $afterId IS NULL OR p.code > $afterId
  WITH p ORDER BY p.code LIMIT $limit
  RETURN collect(properties(p)) AS projects
}
RETURN totalCount, projects
