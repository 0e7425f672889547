// One page of a project's orphaned assets, newest first (served by the
// asset_project_orphaned_created index), optionally only those of one root cause.
// Paste into Neo4j Browser with  :param projectCode => 'VSS-001'  :param rootCause => null
//   :param skip => 0  :param limit => 50
// $projectCode; $rootCause (asset or prompt id, or null); $skip; $limit
// Result per asset: asset (map)
MATCH (a:Asset)
USING INDEX a:Asset(projectCode, orphaned, createdAt)
WHERE a.projectCode = $projectCode AND a.orphaned = true AND a.createdAt IS NOT NULL
  AND ($rootCause IS NULL OR $rootCause IN a.orphanRootCauses)
RETURN properties(a) AS asset
ORDER BY a.createdAt DESC, a.id DESC
SKIP $skip LIMIT $limit
