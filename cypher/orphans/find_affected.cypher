// The assets whose orphan status may change when something changes: every
// attempt of the $slotKeys, the assets and prompts in $ids, and every asset built
// from them at any depth; each with its input edges and what they point to.
// Paste into Neo4j Browser with  :param slotKeys => ['project:VSS-001/shot-001']  :param ids => []
// $slotKeys: [slot key]; $ids: [asset or prompt id]
// Result: one row: rows, a map per asset (one list decodes far faster than a
//   record per asset): id, slotKey, currentSince, version, status, isCurrent,
//   fileMissing, rootCauses and orphaned (as stored), projectCode, estimatedCost,
//   inputs: [[id, isPrompt, status, isCurrent, revised, pinned, rootCauses]]
CALL () {
  MATCH (s:Asset) WHERE s.slotKey IN $slotKeys RETURN s AS seed
  UNION
  MATCH (s:Asset) WHERE s.id IN $ids RETURN s AS seed
  UNION
  MATCH (s:Prompt) WHERE s.id IN $ids RETURN s AS seed
}
MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
WITH DISTINCT a
// (only a live asset's inputs: the rules evaluate nothing else)
OPTIONAL MATCH (a)-[e:GENERATED_FROM|USES_FRAME]->(i)
WHERE (i:Asset OR i:Prompt)
  AND (a.status = 'generating' OR (a.status = 'ready' AND a.isCurrent))
WITH a, collect(CASE WHEN i IS NOT NULL THEN [
  i.id, i:Prompt, i.status, coalesce(i.isCurrent, false),
  i:Prompt AND COUNT { (i)<-[:REGENERATES]-() } > 0, coalesce(e.pinned, false), i.orphanRootCauses
] END) AS inputs
RETURN collect({
  id: a.id, slotKey: a.slotKey, currentSince: a.currentSince, version: a.version,
  status: a.status, isCurrent: coalesce(a.isCurrent, false),
  fileMissing: coalesce(a.fileMissing, false), rootCauses: a.orphanRootCauses,
  orphaned: coalesce(a.orphaned, false), projectCode: a.projectCode,
  estimatedCost: a.estimatedCost, inputs: inputs
}) AS rows
