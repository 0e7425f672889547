// Creates the edges of an import that do not exist yet (same type, same ends, same
// frame role); with $fresh (edges leaving nodes the import has just created, so none
// exists) without looking. Both ends exist: the importer wrote the nodes first.
// $rows: [{type: 'PART_OF' | 'GENERATED_FROM' | 'USES_FRAME' | 'REGENERATES' (checked by
//   the importer), fromKind, from, toKind, to, properties}]; $fresh (boolean)
// Result: one row: created
UNWIND $rows AS e
CALL (e) {
  MATCH (a:Asset {id: e.from}) WHERE e.fromKind = 'Asset' RETURN a
  UNION
  MATCH (a:Prompt {id: e.from}) WHERE e.fromKind = 'Prompt' RETURN a
  UNION
  MATCH (a:Workflow {id: e.from}) WHERE e.fromKind = 'Workflow' RETURN a
}
CALL (e) {
  MATCH (b:Asset {id: e.to}) WHERE e.toKind = 'Asset' RETURN b
  UNION
  MATCH (b:Prompt {id: e.to}) WHERE e.toKind = 'Prompt' RETURN b
  UNION
  MATCH (b:Workflow {id: e.to}) WHERE e.toKind = 'Workflow' RETURN b
  UNION
  MATCH (b:Project {code: e.to}) WHERE e.toKind = 'Project' RETURN b
}
WITH a, b, e
WHERE $fresh OR NOT EXISTS {
  MATCH (a)-[r]->(b)
  WHERE type(r) = e.type AND coalesce(r.role, '') = coalesce(e.properties.role, '')
}
CREATE (a)-[r:$(e.type)]->(b)
SET r = e.properties
RETURN count(r) AS created
