// The nodes of $keys that exist, with their properties (an import compares them
// with the bundle's, and renames what belongs to someone else).
// $keys: [{kind: 'Project' | 'Asset' | 'Prompt' | 'Workflow', id (a project's code)}]
// Result per found node: kind, id, properties
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
RETURN key.kind AS kind, key.id AS id, properties(n) AS properties
