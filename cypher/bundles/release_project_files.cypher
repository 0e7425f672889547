// The files of an archived project's assets that nothing outside the project uses
// (every asset sharing the bytes is the project's, or released already): the
// files `lineage archive --release-files` may take out of the working catalog.
// With $release, marks those assets released (their nodes and hashes stay).
// $code; $release (boolean); $at (time of the release)
// Result per file: sha256, fileRef, bytes, ids (the assets holding it)
MATCH (:Project {code: $code})<-[:PART_OF]-(a:Asset)
WHERE a.fileSha256 IS NOT NULL AND a.fileRef IS NOT NULL AND a.fileReleased IS NULL
WITH a.fileSha256 AS sha, collect(a) AS holders
WHERE NOT EXISTS {
  MATCH (o:Asset {fileSha256: sha})
  WHERE o.fileReleased IS NULL AND coalesce(o.projectCode, '') <> $code
}
FOREACH (h IN CASE WHEN $release THEN holders ELSE [] END |
  SET h.fileReleased = true, h.fileReleasedAt = $at)
RETURN sha AS sha256, holders[0].fileRef AS fileRef, holders[0].fileSizeBytes AS bytes,
       [h IN holders | h.id] AS ids
ORDER BY sha256
