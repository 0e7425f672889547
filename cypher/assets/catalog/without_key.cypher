// Catalog anchor: the assets without the sort key ($orderBy: estimatedCost or name),
// which come after every asset with one, in either direction: by id in the list's
// direction ($descending), after $afterId (null: from the first). No index holds a
// missing value, so this reads every asset.
MATCH (a:Asset)
WHERE a[$orderBy] IS NULL
  AND ($afterId IS NULL OR CASE WHEN $descending THEN a.id < $afterId ELSE a.id > $afterId END)
WITH a, null AS key ORDER BY CASE WHEN $descending THEN a.id END DESC, a.id
