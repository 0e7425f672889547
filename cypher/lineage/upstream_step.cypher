// One step upstream (towards what things came from) from a frontier of nodes.
// $keys: element ids of the frontier.
// Result: key, id, labels, properties of each node reached; edge {fromId, toId, type, properties}
UNWIND $keys AS frontierKey
MATCH (n) WHERE elementId(n) = frontierKey
MATCH (n)-[r:GENERATED_FROM|USES_FRAME|REGENERATES]->(m)
RETURN elementId(m) AS key, m.id AS id, labels(m) AS labels, properties(m) AS properties,
       {fromId: n.id, toId: m.id, type: type(r), properties: properties(r)} AS edge
