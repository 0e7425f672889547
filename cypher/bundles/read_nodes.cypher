// Nodes named by kind and id, each with its labels, properties and outgoing edges, for
// an export (labels and edges unsorted: the exporter sorts them).
// $keys: [{kind: 'Project' | 'Asset' | 'Prompt' | 'Workflow', id (a project's code)}]
// Result per found node, in the order of $keys: kind, id, labels, properties,
//   edges: [{type, toKind, to, properties}]
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
RETURN key.kind AS kind, key.id AS id, labels(n) AS labels, properties(n) AS properties,
  COLLECT {
    MATCH (n)-[r]->(m)
    WHERE m:Asset OR m:Prompt OR m:Workflow OR m:Project
    RETURN {type: type(r),
            toKind: CASE WHEN m:Asset THEN 'Asset' WHEN m:Prompt THEN 'Prompt'
                         WHEN m:Workflow THEN 'Workflow' ELSE 'Project' END,
            to: coalesce(m.id, m.code), properties: properties(r)}
  } AS edges
