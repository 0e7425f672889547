// Catalog count, after the filter. Result: one row: total
RETURN count(a) AS total
