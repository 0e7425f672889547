// How many assets of a project are orphaned (optionally by one root cause),
// and what redoing them would cost.
// $projectCode; $rootCause (or null)
// Result: one row: totalCount, estimatedCost
MATCH (a:Asset)
USING INDEX a:Asset(projectCode, orphaned, createdAt)
WHERE a.projectCode = $projectCode AND a.orphaned = true AND a.createdAt IS NOT NULL
  AND ($rootCause IS NULL OR $rootCause IN a.orphanRootCauses)
RETURN count(a) AS totalCount, sum(coalesce(a.estimatedCost, 0.0)) AS estimatedCost
