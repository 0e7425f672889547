// An asset whose file may be restored from the archive: its hash and the claim the
// catalog stores the bytes under, whether the file was released, whether its project
// is archived, and every released asset holding the same bytes outside archived
// projects (they get the file back together).
// $id: the asset's id.
// Result: zero or one row: sha256, type, provider, model, released (boolean),
//   projectCode, archived (boolean), holders (asset ids, sorted)
MATCH (a:Asset {id: $id})
RETURN a.fileSha256 AS sha256, a.type AS type, a.provider AS provider, a.model AS model,
       coalesce(a.fileReleased, false) AS released, a.projectCode AS projectCode,
       EXISTS { MATCH (:Project {code: a.projectCode, archived: true}) } AS archived,
       COLLECT {
         MATCH (o:Asset {fileSha256: a.fileSha256})
         WHERE o.fileReleased = true
           AND NOT EXISTS { MATCH (:Project {code: o.projectCode, archived: true}) }
         RETURN o.id ORDER BY o.id
       } AS holders
