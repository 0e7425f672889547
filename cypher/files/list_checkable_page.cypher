// One page of the assets whose file is in the store, in id order (keyset paging), for verify.
// An asset qualifies with a `fileSha256` and a `fileRef` or a `url` under $urlPrefix; legacy
// assets marked `fileProblem: 'lost'` (never stored) are left out, and so are assets whose
// file was released to the archive (`fileReleased`: retention, archived projects).
// $after: the last id of the previous page ('' for the first); $limit: page size;
// $projectCode: only that project's assets (or null for all); $urlPrefix: e.g. '/files/'.
// Result: one row per asset: id, projectCode, fileRef, url, fileSha256, fileMissing, fileProblem
MATCH (a:Asset)
WHERE a.id > $after
  AND a.fileSha256 IS NOT NULL
  AND (a.fileRef IS NOT NULL OR a.url STARTS WITH $urlPrefix)
  AND ($projectCode IS NULL OR a.projectCode = $projectCode)
  AND coalesce(a.fileProblem, '') <> 'lost'
  AND a.fileReleased IS NULL
RETURN a.id AS id, a.projectCode AS projectCode, a.fileRef AS fileRef, a.url AS url,
       a.fileSha256 AS fileSha256, coalesce(a.fileMissing, false) AS fileMissing,
       a.fileProblem AS fileProblem
ORDER BY a.id
LIMIT $limit
