// What redoing a project's orphans (optionally those of one root cause) would cost.
// $projectCode; $rootCause (or null)
// Result: one row: estimatedCostMicros (integer millionths of a dollar, summed exactly)
MATCH (a:Asset)
USING INDEX a:Asset(projectCode, createdAt)
WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL AND a.orphaned = true
  AND ($rootCause IS NULL OR $rootCause IN a.orphanRootCauses)
RETURN sum(toInteger(round(coalesce(a.estimatedCost, 0.0) * 1000000))) AS estimatedCostMicros
