// The assets whose orphan status may change when something changes: every
// attempt of the $slots, the assets and prompts in $ids, and every asset built
// from them at any depth; each with its input edges and what they point to.
// Paste into Neo4j Browser with  :param slots => ['shot-001']  :param ids => []
// $slots: [slot]; $ids: [asset or prompt id]
// Result per asset: id, slot, currentSince, version, status, isCurrent, fileMissing, orphanReasons and orphanState
//   (as stored), estimatedCost,
//   inputs: [{id, isPrompt, status, isCurrent, revised, pinned, reasons}]
CALL () {
  MATCH (s:Asset) WHERE s.slot IN $slots RETURN s AS seed
  UNION
  MATCH (s:Asset) WHERE s.id IN $ids RETURN s AS seed
  UNION
  MATCH (s:Prompt) WHERE s.id IN $ids RETURN s AS seed
}
MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
WITH DISTINCT a
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
