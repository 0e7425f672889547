// Creates the edges of a snapshot between nodes already created (each named by
// its id). Used by tests to load a graph recorded by an earlier version.
// $edges: [{fromKey, type, toKey, properties: map}]. Result: created
UNWIND $edges AS edge
MATCH (a {id: edge.fromKey}), (b {id: edge.toKey})
CREATE (a)-[r:$(edge.type)]->(b)
SET r = edge.properties
RETURN count(r) AS created
