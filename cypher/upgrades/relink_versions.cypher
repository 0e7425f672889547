// Upgrade 0033 (slots per project), step 4: an attempt after the first of its slot
// that regenerates no older attempt of its slot (its edge led into another project)
// regenerates the attempt just before it.
// No parameters. Result: linked (number of edges created)
MATCH (x:Asset) WHERE x.version > 1
  AND NOT EXISTS {
    (x)-[:REGENERATES]->(p:Asset) WHERE p.slotKey = x.slotKey AND p.version < x.version
  }
MATCH (previous:Asset {slotKey: x.slotKey, version: x.version - 1})
CREATE (x)-[:REGENERATES]->(previous)
RETURN count(*) AS linked
