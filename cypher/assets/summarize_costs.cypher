// A project's spend grouped by provider, model, type or day.
// $projectCode, $groupBy ('provider' | 'model' | 'type' | 'day')
// Result: key, attempts, readyAttempts, failedAttempts, cost, failedCost (ordered by key)
MATCH (a:Asset) WHERE a.projectCode = $projectCode
WITH a, CASE $groupBy
    WHEN 'provider' THEN a.provider
    WHEN 'model' THEN a.model
    WHEN 'type' THEN a.type
    ELSE substring(a.createdAt, 0, 10) END AS key
RETURN key,
       count(a) AS attempts,
       count(CASE WHEN a.status = 'ready' THEN 1 END) AS readyAttempts,
       count(CASE WHEN a.status = 'failed' THEN 1 END) AS failedAttempts,
       sum(coalesce(a.estimatedCost, 0.0)) AS cost,
       sum(CASE WHEN a.status = 'failed' THEN coalesce(a.estimatedCost, 0.0) ELSE 0.0 END) AS failedCost
ORDER BY key
