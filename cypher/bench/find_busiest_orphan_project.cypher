// Bench: the project with the most orphaned assets.
// No parameters. Result: projectCode, orphans, assets
MATCH (a:Asset) WHERE a.orphaned = true
WITH a.projectCode AS projectCode, count(*) AS orphans
ORDER BY orphans DESC LIMIT 1
RETURN projectCode, orphans, COUNT { (x:Asset {projectCode: projectCode}) } AS assets
