// Catalog filter, after an anchor that yields (a, key) in the page's order: keeps the
// assets that pass every filter given ($type, $provider, $model, $status, $createdFrom
// inclusive, $createdTo exclusive, $orphaned: null for any; $currentOnly: boolean).
// None of them is the anchor's index, so a page reads past the assets they drop.
WITH a, key
WHERE ($type IS NULL OR a.type = $type)
  AND ($provider IS NULL OR a.provider = $provider)
  AND ($model IS NULL OR a.model = $model)
  AND ($status IS NULL OR a.status = $status)
  AND ($createdFrom IS NULL OR a.createdAt >= $createdFrom)
  AND ($createdTo IS NULL OR a.createdAt < $createdTo)
  AND (NOT $currentOnly OR a.isCurrent)
  AND ($orphaned IS NULL OR coalesce(a.orphaned, false) = $orphaned)
