// How many assets verify leaves alone because the legacy import found their file lost.
// $projectCode: only that project's assets (or null for all)
// Result: one row: lost (integer)
MATCH (a:Asset)
WHERE a.fileProblem = 'lost' AND ($projectCode IS NULL OR a.projectCode = $projectCode)
RETURN count(a) AS lost
