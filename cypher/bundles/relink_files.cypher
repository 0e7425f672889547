// Points the assets whose file was released from the catalog at the file an import
// or restore has just stored there again, by hash.
// $files: [{sha256, fileRef, filename, url}]
// Result: one row: relinked (assets changed)
UNWIND $files AS f
MATCH (a:Asset {fileSha256: f.sha256})
WHERE a.fileReleased = true
SET a.fileRef = f.fileRef, a.filename = f.filename, a.url = f.url
REMOVE a.fileReleased, a.fileReleasedAt
RETURN count(a) AS relinked
