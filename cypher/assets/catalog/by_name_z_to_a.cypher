// Catalog anchor: every asset with a name, descending, after the cursor
// ($afterKey, $afterId), in the order of the index on name.
MATCH (a:Asset)
WHERE a.name <= $afterKey
  AND NOT (a.name = $afterKey AND a.id >= $afterId)
WITH a, a.name AS key ORDER BY key DESC, a.id DESC
