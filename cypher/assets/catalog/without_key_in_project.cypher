// Catalog anchor: a project's assets without the sort key ($orderBy: estimatedCost or
// name), which come after every asset with one: by id in the list's direction
// ($descending), after $afterId (null: from the first); the project's assets are
// found through the index on (projectCode, createdAt).
MATCH (a:Asset)
WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL AND a[$orderBy] IS NULL
  AND ($afterId IS NULL OR CASE WHEN $descending THEN a.id < $afterId ELSE a.id > $afterId END)
WITH a, null AS key ORDER BY CASE WHEN $descending THEN a.id END DESC, a.id
