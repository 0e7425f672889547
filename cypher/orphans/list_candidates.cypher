// Every asset that may be orphaned (a superset, found without the rules' details):
// those whose own file is missing, those built straight from a superseded,
// failed or archived attempt or a revised prompt, and everything built from
// them at any depth. A full recomputation evaluates only these exactly; no other
// asset can have a reason.
// No parameters. Result per candidate: id
CALL () {
  MATCH (a:Asset) WHERE a.fileMissing = true RETURN a
  UNION
  MATCH (a:Asset)-[:GENERATED_FROM|USES_FRAME]->(i)
  WHERE (i:Asset AND (i.status IN ['failed', 'archived'] OR (i.status = 'ready' AND NOT i.isCurrent)))
     OR (i:Prompt AND EXISTS { (:Prompt)-[:REGENERATES]->(i) })
  RETURN a
}
MATCH (a)<-[:GENERATED_FROM|USES_FRAME*0..]-(d:Asset)
RETURN DISTINCT d.id AS id
