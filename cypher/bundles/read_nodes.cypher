// Nodes named by kind and id, each with its labels, properties and outgoing edges
// (in a fixed order), for an export.
// $keys: [{kind: 'Project' | 'Asset' | 'Prompt' | 'Workflow', id (a project's code)}]
// Result per found node, in the order of $keys: kind, id, labels (sorted), properties,
//   edges: [{type, toKind, to, properties}] sorted
UNWIND $keys AS key
CALL (key) {
  MATCH (n:Asset {id: key.id}) WHERE key.kind = 'Asset' RETURN n
  UNION
  MATCH (n:Prompt {id: key.id}) WHERE key.kind = 'Prompt' RETURN n
  UNION
  MATCH (n:Workflow {id: key.id}) WHERE key.kind = 'Workflow' RETURN n
  UNION
  MATCH (n:Project {code: key.id}) WHERE key.kind = 'Project' RETURN n
}
RETURN key.kind AS kind, key.id AS id,
  COLLECT { UNWIND labels(n) AS label RETURN label ORDER BY label } AS labels,
  properties(n) AS properties,
  COLLECT {
    MATCH (n)-[r]->(m)
    WHERE m:Asset OR m:Prompt OR m:Workflow OR m:Project
    WITH r, m, CASE WHEN m:Asset THEN 'Asset' WHEN m:Prompt THEN 'Prompt'
                    WHEN m:Workflow THEN 'Workflow' ELSE 'Project' END AS toKind
    RETURN {type: type(r), toKind: toKind, to: coalesce(m.id, m.code), properties: properties(r)}
      AS edge
    ORDER BY edge.type, edge.toKind, edge.to, edge.properties.role, edge.properties.position
  } AS edges
