// Bench: the plain-Cypher twin of lineage(id, UPSTREAM, depth), for the driver side.
// Shortest distances by a pruning breadth-first walk (as cypher/lineage/find_upstream.cypher
// walks) one step past $depth, to tell truncation; edges are every
// GENERATED_FROM|USES_FRAME|REGENERATES between reached nodes.
// $id (an asset id), $depth (at most 10).
// Result: one row: nodes [{id, labels, properties, distance}],
//   edges [{fromId, toId, type, properties}], truncated
MATCH (s:Asset {id: $id})
MATCH p = (s)-[:GENERATED_FROM|USES_FRAME|REGENERATES*0..11]->(m)
WITH m, min(length(p)) AS distance
WHERE distance <= $depth + 1
WITH collect({node: m, distance: distance}) AS reached
WITH [x IN reached WHERE x.distance <= $depth] AS kept,
     any(x IN reached WHERE x.distance > $depth) AS truncated
WITH kept, truncated, [x IN kept | x.node] AS members
CALL (kept, members) {
  UNWIND kept AS x
  WITH x.node AS n
  MATCH (n)-[r:GENERATED_FROM|USES_FRAME|REGENERATES]->(o)
  WHERE o IN members
  RETURN collect({fromId: n.id, toId: o.id, type: type(r), properties: properties(r)}) AS edges
}
RETURN [x IN kept | {id: x.node.id, labels: labels(x.node), properties: properties(x.node),
                     distance: x.distance}] AS nodes,
       edges, truncated
