// Catalog anchor: a project's assets with a name, ascending, after the cursor
// ($afterKey, $afterId), in the order of the index on (projectCode, name).
MATCH (a:Asset)
WHERE a.projectCode = $projectCode AND a.name >= $afterKey
  AND NOT (a.name = $afterKey AND a.id <= $afterId)
WITH a, a.name AS key ORDER BY a.projectCode, key, a.id
