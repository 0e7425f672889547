// Links each attempt to the attempt of its slot it regenerates (newer -> older).
// $rows: [{id, previousId}]. Result: linked (number of rows whose two assets exist)
UNWIND $rows AS r
MATCH (a:Asset {id: r.id})
MATCH (prev:Asset {id: r.previousId})
MERGE (a)-[:REGENERATES]->(prev)
RETURN count(*) AS linked
