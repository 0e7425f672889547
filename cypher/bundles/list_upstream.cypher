// One asset and everything it was built from (GENERATED_FROM and USES_FRAME, any
// depth: assets, frames, prompts and their refinements, workflow runs), each once,
// with the projects they are part of.
// $id: the asset's id.
// Result per node: kind ('Project' | 'Asset' | 'Prompt' | 'Workflow'), id (a project's code)
MATCH ANY SHORTEST (:Asset {id: $id})(()-[:GENERATED_FROM|USES_FRAME]->())*(n)
WITH DISTINCT n
CALL (n) {
  RETURN CASE WHEN n:Asset THEN 'Asset' WHEN n:Prompt THEN 'Prompt' ELSE 'Workflow' END AS kind,
         n.id AS id
  UNION
  MATCH (n)-[:PART_OF]->(p:Project)
  RETURN 'Project' AS kind, p.code AS id
}
RETURN DISTINCT kind, id
ORDER BY kind, id
