// A project's orphans grouped by root cause: how many each started and the cost
// to redo them (an orphan with two root causes counts in both groups).
// $projectCode
// Result per root cause: rootCause (id), count, estimatedCost; most orphans first
MATCH (a:Asset)
USING INDEX a:Asset(projectCode, createdAt)
WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL AND a.orphaned = true
UNWIND a.orphanRootCauses AS rootCause
RETURN rootCause, count(a) AS count, sum(coalesce(a.estimatedCost, 0.0)) AS estimatedCost
ORDER BY count DESC, rootCause
