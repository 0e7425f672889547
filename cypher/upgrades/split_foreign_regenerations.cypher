// Upgrade 0033 (slots per project), step 2: removes every REGENERATES edge between
// attempts of different slots (before slots had keys, another project's attempt of
// a slot of the same name was taken for an earlier version).
// No parameters. Result: removed (number of edges)
MATCH (a:Asset)-[r:REGENERATES]->(p:Asset)
WHERE a.slotKey <> p.slotKey
DELETE r
RETURN count(r) AS removed
