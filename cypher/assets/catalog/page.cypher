// Catalog page, after the filter: the first $limit assets in the anchor's order.
// Result: one row: assets: [{key, asset: map, matchedPrompts: [], matchedOwnText: false}]
WITH a, key LIMIT $limit
RETURN collect({key: key, asset: properties(a), matchedPrompts: [], matchedOwnText: false})
  AS assets
