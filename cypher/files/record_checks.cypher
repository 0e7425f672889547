// Records one page of file checks on the assets (never touching `fileProblem: 'lost'` ones):
// a problem sets fileMissing true and fileProblem; an intact file clears both.
// $rows: [{id, problem}] with problem 'missing', 'corrupt' or null (intact); $checkedAt: ISO time
// Result: id, one row per asset whose fileMissing changed
UNWIND $rows AS row
MATCH (a:Asset {id: row.id})
WHERE coalesce(a.fileProblem, '') <> 'lost'
WITH a, row, coalesce(a.fileMissing, false) <> (row.problem IS NOT NULL) AS flips
SET a.fileMissing = row.problem IS NOT NULL,
    a.fileProblem = row.problem,
    a.fileCheckedAt = $checkedAt
WITH a, flips
WHERE flips
RETURN a.id AS id
