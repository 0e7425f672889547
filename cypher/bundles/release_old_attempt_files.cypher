// Retention: the files of old attempts that nothing live needs. An attempt qualifies
// when it was created before $before, is no longer live (ready but superseded,
// failed or archived), no edge pins it, no live asset was built from it at any
// depth, and its project is not archived; a file qualifies when every asset
// holding its bytes qualifies (or was released already). With $release, marks
// those assets released (nodes and hashes stay; the file moves to the archive).
// $before (ISO time); $release (boolean); $at (time of the release)
// Result per file: sha256, fileRef, bytes, ids (the attempts holding it)
MATCH (a:Asset)
WHERE a.createdAt < $before AND a.fileSha256 IS NOT NULL AND a.fileRef IS NOT NULL
  AND a.fileReleased IS NULL
  AND (a.status IN ['failed', 'archived'] OR (a.status = 'ready' AND NOT coalesce(a.isCurrent, false)))
  AND NOT EXISTS { MATCH (a)<-[e:GENERATED_FROM|USES_FRAME]-() WHERE e.pinned = true }
  AND NOT EXISTS {
    MATCH (a)<-[:GENERATED_FROM|USES_FRAME]-+(l:Asset)
    WHERE l.status = 'generating' OR (l.status = 'ready' AND l.isCurrent)
  }
  AND NOT EXISTS { MATCH (:Project {code: a.projectCode, archived: true}) }
WITH a.fileSha256 AS sha, collect(a) AS holders
WHERE NOT EXISTS {
  MATCH (o:Asset {fileSha256: sha}) WHERE o.fileReleased IS NULL AND NOT o IN holders
}
FOREACH (h IN CASE WHEN $release THEN holders ELSE [] END |
  SET h.fileReleased = true, h.fileReleasedAt = $at)
RETURN sha AS sha256, holders[0].fileRef AS fileRef, holders[0].fileSizeBytes AS bytes,
       [h IN holders | h.id] AS ids
ORDER BY sha256
