// Catalog anchor: every asset with an estimatedCost, ascending, after the cursor
// ($afterKey, $afterId), in the order of the index on (estimatedCost, id).
MATCH (a:Asset)
WHERE a.estimatedCost >= $afterKey
  AND a.id IS NOT NULL AND NOT (a.estimatedCost = $afterKey AND a.id <= $afterId)
WITH a, a.estimatedCost AS key ORDER BY key, a.id
