// Every node of a project (its assets, prompts and workflow runs), by kind then id.
// $code: the project's code.
// Result per node: kind ('Asset' | 'Prompt' | 'Workflow'), id
MATCH (:Project {code: $code})<-[:PART_OF]-(n)
WITH n, CASE WHEN n:Asset THEN 'Asset' WHEN n:Prompt THEN 'Prompt' ELSE 'Workflow' END AS kind
RETURN kind, n.id AS id
ORDER BY kind, id
