// Bench baseline: the plainest full recomputation of who is orphaned (flags only,
// no reasons): the live assets built straight from a superseded, failed or
// archived attempt or a revised prompt, and everything built from those at any
// depth, flagged in transactions of 50k rows.
// Needs an implicit (auto-commit) transaction: session.run, not a managed one.
// No parameters. No result.
MATCH (a:Asset)-[:GENERATED_FROM|USES_FRAME]->(i)
WHERE (a.status = 'generating' OR (a.status = 'ready' AND a.isCurrent))
  AND ((i:Asset AND (i.status IN ['failed', 'archived'] OR (i.status = 'ready' AND NOT i.isCurrent)))
       OR (i:Prompt AND EXISTS { (:Prompt)-[:REGENERATES]->(i) }))
WITH DISTINCT a
MATCH (a)<-[:GENERATED_FROM|USES_FRAME*0..]-(d:Asset)
WITH DISTINCT d
CALL (d) {
  SET d.benchOrphaned = true
} IN TRANSACTIONS OF 50000 ROWS
