// Bench: current images of a project built from no other asset (so nothing can
// be upstream of them: linking dependants to them cannot form a cycle), the
// ones already chosen as hubs first, then by id.
// $projectCode; $limit. Result per image: id, slot, hub (already a hub)
MATCH (a:Asset {projectCode: $projectCode, type: 'image', status: 'ready'})
WHERE (a.isCurrent OR a.benchHub)
  AND NOT EXISTS { (a)-[:GENERATED_FROM|USES_FRAME]->(:Asset) }
RETURN a.id AS id, a.slot AS slot, coalesce(a.benchHub, false) AS hub
ORDER BY hub DESC, id
LIMIT $limit
