// Bench: how many assets a project has, and how many of them are orphaned.
// $projectCode. Result: one row: orphans, assets
MATCH (a:Asset {projectCode: $projectCode})
RETURN count(a) AS assets, count(CASE WHEN a.orphaned THEN 1 END) AS orphans
