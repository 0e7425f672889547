// Bench floor of the export: the plainest read of a project's nodes and their outgoing
// edges, $page nodes a row, in no particular order: each node's labels and properties,
// each edge's type, end (id, or code for a project) and properties. Nothing sorted,
// nothing asked of an edge's end but its id: what any export must read at least.
// $code: the project's code; $page: nodes a row
// Result per page: nodes: [[labels, properties, [[type, end id, properties]]]]
MATCH (:Project {code: $code})<-[:PART_OF]-(n)
WITH collect(n) AS members
UNWIND range(0, size(members) - 1, $page) AS start
RETURN [n IN members[start..start + $page] |
  [labels(n), properties(n), [(n)-[r]->(m) | [type(r), coalesce(m.id, m.code), properties(r)]]]
] AS nodes
