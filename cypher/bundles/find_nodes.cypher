// The nodes of an import's keys that exist, with their properties (an import compares
// them with the bundle's, and renames what belongs to someone else): the ids come in
// one list per kind, so each costs one index seek.
// $assets, $prompts, $workflows: ids; $projects: project codes
// Result per found node: kind, id, properties
CALL () {
  UNWIND $assets AS id
  MATCH (n:Asset {id: id})
  RETURN 'Asset' AS kind, id, n
  UNION ALL
  UNWIND $prompts AS id
  MATCH (n:Prompt {id: id})
  RETURN 'Prompt' AS kind, id, n
  UNION ALL
  UNWIND $workflows AS id
  MATCH (n:Workflow {id: id})
  RETURN 'Workflow' AS kind, id, n
  UNION ALL
  UNWIND $projects AS id
  MATCH (n:Project {code: id})
  RETURN 'Project' AS kind, id, n
}
RETURN kind, id, properties(n) AS properties
