// Catalog count anchor: every asset (the filter that follows keeps the matches).
MATCH (a:Asset)
WITH a, null AS key
