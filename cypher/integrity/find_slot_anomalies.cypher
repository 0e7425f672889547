// Slots whose version history is not intact: versions not exactly 1..n, an
// attempt after the first without exactly one REGENERATES edge to an older
// attempt of its slot, or not exactly one current attempt while one is ready.
// Result per broken slot: slot, versions (sorted), unlinked (versions without
//   their REGENERATES edge), currentCount, readyCount
MATCH (a:Asset)
WITH a.slot AS slot, collect(a) AS attempts
WITH slot, attempts,
     COLLECT { UNWIND attempts AS x RETURN x.version AS v ORDER BY v } AS versions,
     size([x IN attempts WHERE x.isCurrent]) AS currentCount,
     size([x IN attempts WHERE x.status = 'ready']) AS readyCount,
     [x IN attempts WHERE x.version > 1 AND COUNT {
        (x)-[:REGENERATES]->(p:Asset) WHERE p.slot = x.slot AND p.version < x.version
     } <> 1 | x.version] AS unlinked
WHERE versions <> range(1, size(attempts)) OR size(unlinked) > 0
   OR currentCount <> CASE WHEN readyCount > 0 THEN 1 ELSE 0 END
RETURN slot, versions, unlinked, currentCount, readyCount
ORDER BY slot
LIMIT 100
