// Bench: the issue's regeneration measure has ~1,000 downstream assets; the
// generator's images have a few dozen at most. This makes $hubId an input
// (GENERATED_FROM, like a character sheet) of live, not orphaned videos of its
// project that depend on no other hub, until $dependants are built from it, so
// regenerating it orphans them all. Running it again adds nothing.
// $hubId; $dependants. Result: one row: dependants (count now built from it)
MATCH (hub:Asset {id: $hubId})
SET hub.benchHub = true
WITH hub, $dependants - COUNT { (hub)<-[:GENERATED_FROM]-(:Asset) } AS missing
CALL (hub, missing) {
  MATCH (x:Asset {projectCode: hub.projectCode, type: 'video', status: 'ready', isCurrent: true})
  WHERE coalesce(x.orphaned, false) = false
    AND NOT EXISTS { (x)-[:GENERATED_FROM]->(:Asset {benchHub: true}) }
  WITH x ORDER BY x.id
  WITH collect(x) AS free
  UNWIND free[..CASE WHEN missing > 0 THEN missing ELSE 0 END] AS x
  MERGE (x)-[:GENERATED_FROM]->(hub)
}
RETURN COUNT { (hub)<-[:GENERATED_FROM]-(:Asset) } AS dependants
