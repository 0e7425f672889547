// Catalog anchor: a project's assets with an estimatedCost, ascending, after the cursor
// ($afterKey, $afterId), in the order of the index on (projectCode, estimatedCost, id).
MATCH (a:Asset)
WHERE a.projectCode = $projectCode AND a.estimatedCost >= $afterKey
  AND a.id IS NOT NULL AND NOT (a.estimatedCost = $afterKey AND a.id <= $afterId)
WITH a, a.estimatedCost AS key ORDER BY a.projectCode, key, a.id
