// find_affected, for a transaction about to store orphan state: first takes a
// write lock on every affected asset, so two transactions whose changes reach the
// same assets re-evaluate them one after the other (the second reads what the
// first committed); then returns the same rows as find_affected.
// $slots: [slot]; $ids: [asset or prompt id]
// Result: one row: rows, as find_affected
CALL () {
  MATCH (s:Asset) WHERE s.slot IN $slots RETURN s AS seed
  UNION
  MATCH (s:Asset) WHERE s.id IN $ids RETURN s AS seed
  UNION
  MATCH (s:Prompt) WHERE s.id IN $ids RETURN s AS seed
}
// Seeds are locked too (prompts are not among the assets below), to meet the lock
// assets/create takes on a new asset's inputs.
WITH collect(seed) AS seeds
FOREACH (s IN seeds | SET s.orphanLock = true REMOVE s.orphanLock)
WITH seeds
UNWIND seeds AS seed
MATCH (seed)<-[:GENERATED_FROM|USES_FRAME*0..]-(a:Asset)
WITH DISTINCT a
SET a.orphanLock = true
REMOVE a.orphanLock
WITH collect(a) AS locked
UNWIND locked AS a
// (only a live asset's inputs: the rules evaluate nothing else)
OPTIONAL MATCH (a)-[e:GENERATED_FROM|USES_FRAME]->(i)
WHERE (i:Asset OR i:Prompt)
  AND (a.status = 'generating' OR (a.status = 'ready' AND a.isCurrent))
WITH a, collect(CASE WHEN i IS NOT NULL THEN [
  i.id, i:Prompt, i.status, coalesce(i.isCurrent, false),
  i:Prompt AND COUNT { (i)<-[:REGENERATES]-() } > 0, coalesce(e.pinned, false), i.orphanRootCauses
] END) AS inputs
RETURN collect({
  id: a.id, slot: a.slot, currentSince: a.currentSince, version: a.version,
  status: a.status, isCurrent: coalesce(a.isCurrent, false),
  fileMissing: coalesce(a.fileMissing, false), rootCauses: a.orphanRootCauses,
  orphaned: coalesce(a.orphaned, false), projectCode: a.projectCode,
  estimatedCost: a.estimatedCost, inputs: inputs
}) AS rows
