// Catalog anchor: every asset with a createdAt, ascending, after the cursor
// ($afterKey, $afterId), in the order of the index on createdAt.
MATCH (a:Asset)
WHERE a.createdAt >= $afterKey
  AND NOT (a.createdAt = $afterKey AND a.id <= $afterId)
WITH a, a.createdAt AS key ORDER BY key, a.id
