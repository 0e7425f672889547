// Slots whose version history is not intact: versions not exactly 1..n, an
// attempt after the first without exactly one REGENERATES edge to an older
// attempt of its slot, not exactly one current attempt while one is ready, or
// attempts outside their project (a slotKey not in the namespace of the asset's
// project, or a REGENERATES edge to another slot: to another project's attempt).
// Result per broken slot: slotKey, versions (sorted), unlinked (versions without
//   their REGENERATES edge), currentCount, readyCount, misplaced (ids of attempts
//   outside their project's namespace or regenerating another slot's attempt)
MATCH (a:Asset)
WITH a.slotKey AS slotKey, collect(a) AS attempts
WITH slotKey, attempts,
     COLLECT { UNWIND attempts AS x RETURN x.version AS v ORDER BY v } AS versions,
     size([x IN attempts WHERE x.isCurrent]) AS currentCount,
     size([x IN attempts WHERE x.status = 'ready']) AS readyCount,
     [x IN attempts WHERE x.version > 1 AND COUNT {
        (x)-[:REGENERATES]->(p:Asset) WHERE p.slotKey = x.slotKey AND p.version < x.version
     } <> 1 | x.version] AS unlinked,
     [x IN attempts WHERE slotKey IS NULL
        OR (x.projectCode IS NOT NULL AND NOT slotKey STARTS WITH 'project:' + x.projectCode + '/')
        OR (x.projectCode IS NULL AND slotKey STARTS WITH 'project:')
        OR EXISTS { (x)-[:REGENERATES]->(p:Asset) WHERE p.slotKey <> x.slotKey } | x.id] AS misplaced
WHERE versions <> range(1, size(attempts)) OR size(unlinked) > 0 OR size(misplaced) > 0
   OR currentCount <> CASE WHEN readyCount > 0 THEN 1 ELSE 0 END
RETURN slotKey, versions, unlinked, currentCount, readyCount, misplaced
ORDER BY slotKey
LIMIT 100
