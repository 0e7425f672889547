// How many of a project's assets are orphaned by one root cause (a walk of the
// project's assets; the count of all its orphans is maintained on the project).
// $projectCode; $rootCause (asset or prompt id)
// Result: one row: totalCount
MATCH (a:Asset)
USING INDEX a:Asset(projectCode, createdAt)
WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL AND a.orphaned = true
  AND $rootCause IN a.orphanRootCauses
RETURN count(a) AS totalCount
