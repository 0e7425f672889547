// One page of a project's orphaned assets, newest first, with how many there are.
// Both walk only the orphans' entries of the asset_project_orphaned_created index,
// the page in index order (it reads skip + limit entries, then stops).
// Paste into Neo4j Browser with  :param projectCode => 'VSS-001'  :param rootCause => null
//   :param skip => 0  :param limit => 50
// $projectCode; $rootCause (asset or prompt id, or null); $skip; $limit
// Result: one row: totalCount, assets: [map], newest first
CALL () {
  MATCH (a:Asset)
  USING INDEX a:Asset(projectCode, orphaned, createdAt)
  WHERE a.projectCode = $projectCode AND a.orphaned = true AND a.createdAt IS NOT NULL
    AND ($rootCause IS NULL OR $rootCause IN a.orphanRootCauses)
  RETURN count(a) AS totalCount
}
CALL () {
  MATCH (a:Asset)
  USING INDEX a:Asset(projectCode, orphaned, createdAt)
  WHERE a.projectCode = $projectCode AND a.orphaned = true AND a.createdAt IS NOT NULL
    AND ($rootCause IS NULL OR $rootCause IN a.orphanRootCauses)
  WITH a
  ORDER BY a.projectCode DESC, a.orphaned DESC, a.createdAt DESC, a.id DESC
  SKIP $skip LIMIT $limit
  RETURN collect(properties(a)) AS assets
}
RETURN totalCount, assets
