// The lineage subgraph around an asset, prompt or workflow run, in one query: shortest
// distances by a pruning breadth-first walk (a variable-length pattern grouped by node
// with min(length(p)), which Neo4j plans as VarLengthExpand(Pruning,BFS): about half
// the CPU of ANY SHORTEST for a depth-5 walk) up to one step past $depth (to tell
// truncation), upstream and/or downstream, with the GENERATED_FROM|USES_FRAME|REGENERATES
// edges each walk crosses between the nodes it reached. Covers $depth up to 10.
// $id, $depth, $upstream, $downstream (booleans: the directions to walk).
// Result: one row per direction walked: way, nodes [[id, labels, properties, distance]]
//   (the start among them, at distance 0), edges [[fromId, toId, type, properties]] (each
//   relationship once), truncated; no row for an unknown id. Lists, not maps, as in
//   lineage/find_upstream.
CALL () {
  MATCH (n:Asset {id: $id}) RETURN n
  UNION
  MATCH (n:Prompt {id: $id}) RETURN n
  UNION
  MATCH (n:Workflow {id: $id}) RETURN n
}
WITH n AS start LIMIT 1
CALL (start) {
  WITH start WHERE $upstream
  MATCH p = (start)-[:GENERATED_FROM|USES_FRAME|REGENERATES*0..11]->(m)
  WITH m, min(length(p)) AS distance
  WHERE distance <= $depth + 1
  WITH collect({node: m, distance: distance}) AS reached
  WITH [x IN reached WHERE x.distance <= $depth] AS kept,
       any(x IN reached WHERE x.distance > $depth) AS truncated
  WITH kept, truncated, [x IN kept | x.node] AS members
  CALL (kept, members) {
    UNWIND kept AS x
    WITH x, x.node AS n
    MATCH (n)-[r:GENERATED_FROM|USES_FRAME|REGENERATES]->(o)
    WHERE x.distance < $depth OR o IN members
    RETURN collect([n.id, o.id, type(r), properties(r)]) AS edges
  }
  RETURN 'upstream' AS way, kept, edges, truncated
  UNION ALL
  WITH start WHERE $downstream
  MATCH p = (start)<-[:GENERATED_FROM|USES_FRAME|REGENERATES*0..11]-(m)
  WITH m, min(length(p)) AS distance
  WHERE distance <= $depth + 1
  WITH collect({node: m, distance: distance}) AS reached
  WITH [x IN reached WHERE x.distance <= $depth] AS kept,
       any(x IN reached WHERE x.distance > $depth) AS truncated
  WITH kept, truncated, [x IN kept | x.node] AS members
  CALL (kept, members) {
    UNWIND kept AS x
    WITH x, x.node AS n
    MATCH (n)<-[r:GENERATED_FROM|USES_FRAME|REGENERATES]-(o)
    WHERE x.distance < $depth OR o IN members
    RETURN collect([o.id, n.id, type(r), properties(r)]) AS edges
  }
  RETURN 'downstream' AS way, kept, edges, truncated
}
WITH way, kept, edges, truncated
WHERE size(kept) > 0
RETURN way,
       [x IN kept | [x.node.id, labels(x.node), properties(x.node), x.distance]] AS nodes,
       edges, truncated
