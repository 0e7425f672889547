// One page of every asset with its input edges, for a full recomputation of
// orphan state (the same facts find_affected gives, for the whole graph).
// $afterId: the last id of the previous page ('' for the first); $limit
// Result per asset: id, status, isCurrent, fileMissing, rootCauses, orphaned,
//   projectCode, estimatedCost, inputs (as find_affected gives them)
MATCH (a:Asset)
WHERE a.id > $afterId
WITH a ORDER BY a.id LIMIT $limit
OPTIONAL MATCH (a)-[e:GENERATED_FROM|USES_FRAME]->(i)
WHERE i:Asset OR i:Prompt
WITH a, collect(CASE WHEN i IS NOT NULL THEN [
  i.id, i:Prompt, i.status, coalesce(i.isCurrent, false),
  i:Prompt AND COUNT { (i)<-[:REGENERATES]-() } > 0, coalesce(e.pinned, false), null
] END) AS inputs
RETURN a.id AS id, a.status AS status, coalesce(a.isCurrent, false) AS isCurrent,
       coalesce(a.fileMissing, false) AS fileMissing, a.orphanRootCauses AS rootCauses,
       coalesce(a.orphaned, false) AS orphaned, a.projectCode AS projectCode,
       a.estimatedCost AS estimatedCost,
       inputs
ORDER BY id
