// Catalog count without any filter: every asset, read from the count store (no scan).
// Parameters: none. Result: one row: total
MATCH (a:Asset)
RETURN count(a) AS total
