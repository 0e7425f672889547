// Bench: the plain-Cypher twin of lineage(id, BOTH, depth), for the driver side.
// The upstream and the downstream walk (pruning breadth-first, as
// cypher/lineage/find_subgraph.cypher walks, one step past $depth to tell truncation),
// each with the GENERATED_FROM|USES_FRAME|REGENERATES edges between the nodes it reached;
// the client merges the two rows (smallest distance wins).
// $id (an asset id), $depth (at most 10).
// Result: two rows, way 'upstream' and 'downstream': nodes [{id, labels, properties,
//   distance}], edges [{fromId, toId, type, properties}], truncated
MATCH (s:Asset {id: $id})
CALL (s) {
  MATCH p = (s)-[:GENERATED_FROM|USES_FRAME|REGENERATES*0..11]->(m)
  WITH m, min(length(p)) AS distance
  WHERE distance <= $depth + 1
  RETURN 'upstream' AS way, m, distance
  UNION ALL
  MATCH p = (s)<-[:GENERATED_FROM|USES_FRAME|REGENERATES*0..11]-(m)
  WITH m, min(length(p)) AS distance
  WHERE distance <= $depth + 1
  RETURN 'downstream' AS way, m, distance
}
WITH way, collect({node: m, distance: distance}) AS reached
WITH way, [x IN reached WHERE x.distance <= $depth] AS kept,
     any(x IN reached WHERE x.distance > $depth) AS truncated
WITH way, kept, truncated, [x IN kept | x.node] AS members
CALL (kept, members) {
  UNWIND kept AS x
  WITH x.node AS n
  MATCH (n)-[r:GENERATED_FROM|USES_FRAME|REGENERATES]->(o)
  WHERE o IN members
  RETURN collect({fromId: n.id, toId: o.id, type: type(r), properties: properties(r)}) AS edges
}
RETURN way,
       [x IN kept | {id: x.node.id, labels: labels(x.node), properties: properties(x.node),
                     distance: x.distance}] AS nodes,
       edges, truncated
