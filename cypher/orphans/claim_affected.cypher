// find_affected, for a transaction about to store orphan state: first takes a
// write lock on every affected asset, so two transactions whose changes reach the
// same assets re-evaluate them one after the other (the second reads what the
// first committed); then returns the same rows as find_affected.
// $slots: [slot]; $ids: [asset or prompt id]
// Result per asset: as find_affected
CALL () {
  MATCH (s:Asset) WHERE s.slot IN $slots RETURN s AS seed
  UNION
  MATCH (s:Asset) WHERE s.id IN $ids RETURN s AS seed
  UNION
  MATCH (s:Prompt) WHERE s.id IN $ids RETURN s AS seed
}
MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
WITH DISTINCT a
SET a.orphanLock = true
REMOVE a.orphanLock
WITH collect(a) AS locked
UNWIND locked AS a
OPTIONAL MATCH (a)-[e:GENERATED_FROM|USES_FRAME]->(i)
WHERE i:Asset OR i:Prompt
WITH a, collect(CASE WHEN i IS NOT NULL THEN {
  id: i.id,
  isPrompt: i:Prompt,
  status: i.status,
  isCurrent: coalesce(i.isCurrent, false),
  revised: i:Prompt AND EXISTS { (:Prompt)-[:REGENERATES]->(i) },
  pinned: coalesce(e.pinned, false),
  reasons: i.orphanReasons
} END) AS inputs
RETURN a.id AS id, a.slot AS slot, a.currentSince AS currentSince, a.version AS version,
       a.status AS status, coalesce(a.isCurrent, false) AS isCurrent,
       coalesce(a.fileMissing, false) AS fileMissing, a.orphanReasons AS orphanReasons,
       a.orphanState AS orphanState, coalesce(a.orphaned, false) AS orphaned,
       a.estimatedCost AS estimatedCost,
       inputs
