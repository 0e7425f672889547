// What each project cost, by asset type: attempts, failed attempts, and the estimated
// spend of all of them and of the failed ones (assets that name no project last).
// In Neo4j Browser as it is (no parameters)
// Result: project, type, attempts, failed, cost, failedCost
MATCH (a:Asset)
WITH coalesce(a.projectCode, '(no project)') AS project, a.type AS type, a
RETURN project,
       type,
       count(a) AS attempts,
       count(CASE WHEN a.status = 'failed' THEN 1 END) AS failed,
       sum(coalesce(a.estimatedCost, 0.0)) AS cost,
       sum(CASE WHEN a.status = 'failed' THEN coalesce(a.estimatedCost, 0.0) ELSE 0.0 END) AS failedCost
ORDER BY project = '(no project)', project, type
