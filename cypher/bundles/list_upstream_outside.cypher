// Everything the outside references of an export were built from (GENERATED_FROM and
// USES_FRAME, any depth: assets, frames, prompts, workflow runs), each once, saying
// whether it is part of the exported project (the export holds those already).
// $keys: [{kind: 'Asset' | 'Prompt' | 'Workflow', id}]; $code: the exported project's
//   code (null for an upstream export, whose scope the exporter knows)
// Result per node: kind ('Asset' | 'Prompt' | 'Workflow'), id, inside (boolean)
UNWIND $keys AS key
CALL (key) {
  MATCH (s:Asset {id: key.id}) WHERE key.kind = 'Asset' RETURN s
  UNION
  MATCH (s:Prompt {id: key.id}) WHERE key.kind = 'Prompt' RETURN s
  UNION
  MATCH (s:Workflow {id: key.id}) WHERE key.kind = 'Workflow' RETURN s
}
MATCH ANY SHORTEST (s)(()-[:GENERATED_FROM|USES_FRAME]->())+(n)
WITH DISTINCT n
RETURN CASE WHEN n:Asset THEN 'Asset' WHEN n:Prompt THEN 'Prompt' ELSE 'Workflow' END AS kind,
       n.id AS id,
       EXISTS { (n)-[:PART_OF]->(:Project {code: $code}) } AS inside
ORDER BY kind, id
