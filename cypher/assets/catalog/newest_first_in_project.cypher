// Catalog anchor: a project's assets with a createdAt, descending, after the cursor
// ($afterKey, $afterId), in the order of the index on (projectCode, createdAt).
MATCH (a:Asset)
WHERE a.projectCode = $projectCode AND a.createdAt <= $afterKey
  AND NOT (a.createdAt = $afterKey AND a.id >= $afterId)
WITH a, a.createdAt AS key ORDER BY a.projectCode DESC, key DESC, a.id DESC
