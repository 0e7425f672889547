// Bench: current image attempts that something was built from, most used first
// (candidates for timing a regeneration and its orphan update), hubs aside.
// $limit. Result per target: id, slot, projectCode, consumers (direct)
MATCH (a:Asset {isCurrent: true, type: 'image'}) WHERE a.benchHub IS NULL
WITH a, COUNT { (a)<-[:GENERATED_FROM|USES_FRAME]-(:Asset) } AS consumers
WHERE consumers > 0
RETURN a.id AS id, a.slot AS slot, a.projectCode AS projectCode, consumers
ORDER BY consumers DESC, id
LIMIT $limit
