// Every asset that may be orphaned (a superset, found without the rules' details):
// the live assets (current, or generating) whose own file is missing or that were
// built straight from a superseded, failed or archived attempt or a revised
// prompt, and everything built from them at any depth. Every orphan descends
// from such a seed, so a full recomputation evaluates only these exactly.
// No parameters. Result per candidate: id
CALL () {
  MATCH (a:Asset) WHERE a.fileMissing = true
    AND (a.status = 'generating' OR (a.status = 'ready' AND a.isCurrent))
  RETURN a
  UNION
  MATCH (a:Asset)-[:GENERATED_FROM|USES_FRAME]->(i)
  WHERE (a.status = 'generating' OR (a.status = 'ready' AND a.isCurrent))
    AND ((i:Asset AND (i.status IN ['failed', 'archived']
                       OR (i.status = 'ready' AND NOT i.isCurrent)))
         OR (i:Prompt AND EXISTS { (:Prompt)-[:REGENERATES]->(i) }))
  RETURN a
}
MATCH (a)<-[:GENERATED_FROM|USES_FRAME*0..]-(d:Asset)
RETURN DISTINCT d.id AS id
