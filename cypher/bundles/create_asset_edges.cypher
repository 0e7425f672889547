// Creates edges between two assets of an import that leave assets it has just created
// (so none exists yet): each end found by one index seek, where merge_edges tries a
// seek per kind for either end.
// $rows: [{type: 'GENERATED_FROM' | 'USES_FRAME' | 'REGENERATES' (checked by the importer),
//   from, to, properties}]
// Result: one row: created
UNWIND $rows AS e
MATCH (a:Asset {id: e.from})
MATCH (b:Asset {id: e.to})
CREATE (a)-[r:$(e.type)]->(b)
SET r = e.properties
RETURN count(r) AS created
