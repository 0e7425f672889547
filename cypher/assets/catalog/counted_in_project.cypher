// Catalog count anchor: a project's assets, through the index on (projectCode, createdAt).
MATCH (a:Asset)
WHERE a.projectCode = $projectCode AND a.createdAt IS NOT NULL
WITH a, null AS key
