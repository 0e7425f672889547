// The orphan-rule facts of the given assets (as list_all_facts gives them).
// $ids. Result per found asset: id, status, isCurrent, fileMissing, orphanReasons,
//   orphanState, orphaned, estimatedCost, inputs
UNWIND $ids AS wanted
MATCH (a:Asset {id: wanted})
OPTIONAL MATCH (a)-[e:GENERATED_FROM|USES_FRAME]->(i)
WHERE i:Asset OR i:Prompt
WITH a, collect(CASE WHEN i IS NOT NULL THEN {
  id: i.id,
  isPrompt: i:Prompt,
  status: i.status,
  isCurrent: coalesce(i.isCurrent, false),
  revised: i:Prompt AND EXISTS { (:Prompt)-[:REGENERATES]->(i) },
  pinned: coalesce(e.pinned, false),
  reasons: null
} END) AS inputs
RETURN a.id AS id, a.status AS status, coalesce(a.isCurrent, false) AS isCurrent,
       coalesce(a.fileMissing, false) AS fileMissing, a.orphanReasons AS orphanReasons,
       a.orphanState AS orphanState, coalesce(a.orphaned, false) AS orphaned,
       a.estimatedCost AS estimatedCost,
       inputs
