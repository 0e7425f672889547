// Points assets at the files an import or restore has stored in the catalog (new
// assets were written without a place; released ones get theirs back).
// $rows: [{id, fileRef, filename, url}]
// Result: one row: placed (assets changed)
UNWIND $rows AS row
MATCH (a:Asset {id: row.id})
SET a.fileRef = row.fileRef, a.filename = row.filename, a.url = row.url
REMOVE a.fileReleased, a.fileReleasedAt
RETURN count(a) AS placed
