// What the orphan refresh needs to know of the things a change touched, to tell
// whether the change only makes one asset start or stop being a root cause:
// each one's state now, its stored root causes (from before the change), and
// how many edges point at it (what was built straight from it).
// $ids: [asset or prompt id]
// Result per id found: id, isAsset, status, isCurrent, fileMissing, rootCauses, consumers
MATCH (s) WHERE (s:Asset OR s:Prompt) AND s.id IN $ids
RETURN s.id AS id, s:Asset AS isAsset, s.status AS status,
       coalesce(s.isCurrent, false) AS isCurrent, coalesce(s.fileMissing, false) AS fileMissing,
       coalesce(s.orphanRootCauses, []) AS rootCauses,
       COUNT { (s)<-[:GENERATED_FROM|USES_FRAME]-() } AS consumers
