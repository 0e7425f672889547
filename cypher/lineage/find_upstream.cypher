// The lineage subgraph upstream of an asset, prompt or workflow run (towards what it came
// from), in one query: lineage/find_subgraph's upstream walk alone, as its own statement
// (without the other direction's branch and the union, Neo4j spends about 0.1-0.4 ms
// less CPU on a depth-5 walk of about 65 nodes).
// $id, $depth (at most 10).
// Result: one row for a known id: way ('upstream'), nodes [[id, labels, properties,
//   distance]] (the start among them, at distance 0), edges [[fromId, toId, type,
//   properties]] (each relationship once), truncated; no row for an unknown id. Nodes and
//   edges are lists, not maps: the driver would decode each map's keys again for every node
//   and edge (lineage.graph.drawing names the values).
CALL () {
  MATCH (n:Asset {id: $id}) RETURN n
  UNION
  MATCH (n:Prompt {id: $id}) RETURN n
  UNION
  MATCH (n:Workflow {id: $id}) RETURN n
}
WITH n AS start LIMIT 1
MATCH p = (start)-[:GENERATED_FROM|USES_FRAME|REGENERATES*0..11]->(m)
WITH m, min(length(p)) AS distance
WHERE distance <= $depth + 1
WITH collect({node: m, distance: distance}) AS reached
WITH [x IN reached WHERE x.distance <= $depth] AS kept,
     any(x IN reached WHERE x.distance > $depth) AS truncated
WITH kept, truncated, [x IN kept | x.node] AS members
WHERE size(kept) > 0  // none for an unknown id (collect gives one row of nothing)
CALL (kept, members) {
  UNWIND kept AS x
  WITH x, x.node AS n
  MATCH (n)-[r:GENERATED_FROM|USES_FRAME|REGENERATES]->(o)
  WHERE x.distance < $depth OR o IN members
  RETURN collect([n.id, o.id, type(r), properties(r)]) AS edges
}
RETURN 'upstream' AS way,
       [x IN kept | [x.node.id, labels(x.node), properties(x.node), x.distance]] AS nodes,
       edges, truncated
