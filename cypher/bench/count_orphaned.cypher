// Bench: how many assets are flagged orphaned, and how many assets there are.
// No parameters. Result: orphaned, assets
MATCH (a:Asset)
RETURN count(CASE WHEN a.orphaned THEN 1 END) AS orphaned, count(a) AS assets
