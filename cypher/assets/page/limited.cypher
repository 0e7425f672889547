// Nested page, after a catalog anchor and its filter (assets/catalog/): the first $limit
// assets in the anchor's order, each with an empty map `nested` that the nested-field
// fragments of this folder fill in turn; assets/page/collected returns the page.
WITH a, key LIMIT $limit
WITH a, key, {} AS nested
