// Bench baseline: a page of a project's orphans by walking every asset of the
// project (no maintained order or count).
// $projectCode; $limit. Result: one row: totalCount, ids
MATCH (a:Asset {projectCode: $projectCode})
WHERE a.orphaned = true
WITH a ORDER BY a.createdAt DESC
WITH collect(a.id) AS found
RETURN size(found) AS totalCount, found[0..$limit] AS ids
