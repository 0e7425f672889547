// Bench: empties Neo4j's query plan caches, so the next statements are planned
// afresh (the cold start a benchmark can have on a database it may not restart).
// Result: none
CALL db.clearQueryCaches() YIELD value
RETURN value
