// A project's spend grouped by provider, model, type or day.
// $projectCode, $groupBy ('provider' | 'model' | 'type' | 'day')
// Result: key, attempts, readyAttempts, failedAttempts, costMicros, failedCostMicros
// (integer millionths of a dollar, summed exactly), ordered by key
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
       sum(toInteger(round(coalesce(a.estimatedCost, 0.0) * 1000000))) AS costMicros,
       sum(CASE WHEN a.status = 'failed' THEN toInteger(round(coalesce(a.estimatedCost, 0.0) * 1000000)) ELSE 0 END) AS failedCostMicros
ORDER BY key
