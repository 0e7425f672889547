// A project's orphans grouped by root cause: how many each started and the cost
// to redo them (an orphan with two root causes counts in both groups).
// $projectCode
// Result per root cause: rootCause (id), count, estimatedCostMicros (integer millionths of
// a dollar, summed exactly); most orphans first
MATCH (a:Asset)
USING INDEX a:Asset(projectCode, createdAt)
WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL AND a.orphaned = true
UNWIND a.orphanRootCauses AS rootCause
RETURN rootCause, count(a) AS count, sum(toInteger(round(coalesce(a.estimatedCost, 0.0) * 1000000))) AS estimatedCostMicros
ORDER BY count DESC, rootCause
