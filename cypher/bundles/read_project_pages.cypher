// Every node of a project (its assets, prompts and workflow runs) by kind then id, with
// its labels, properties and outgoing edges, $page nodes a row: one read streams the
// whole project, a page at a time. Each edge says whether its end is in the project
// (the project itself, or a node part of it). Labels and edges come unsorted: the
// exporter sorts them (a sort per node cost Neo4j more than the exporter's).
// $code: the project's code; $page: nodes a row
// Result per page: nodes: [{kind ('Asset' | 'Prompt' | 'Workflow'), id, labels,
//   properties, edges: [{type, toKind, to, properties, inside}]}]
MATCH (project:Project {code: $code})<-[:PART_OF]-(n)
WITH project, n,
     CASE WHEN n:Asset THEN 'Asset' WHEN n:Prompt THEN 'Prompt' ELSE 'Workflow' END AS kind
ORDER BY kind, n.id
WITH project, collect({node: n, kind: kind}) AS members
UNWIND range(0, size(members) - 1, $page) AS start
RETURN [member IN members[start..start + $page] | {
  kind: member.kind,
  id: member.node.id,
  labels: labels(member.node),
  properties: properties(member.node),
  edges: COLLECT {
    WITH member.node AS n
    MATCH (n)-[r]->(m)
    WHERE m:Asset OR m:Prompt OR m:Workflow OR m:Project
    RETURN {type: type(r),
            toKind: CASE WHEN m:Asset THEN 'Asset' WHEN m:Prompt THEN 'Prompt'
                         WHEN m:Workflow THEN 'Workflow' ELSE 'Project' END,
            to: coalesce(m.id, m.code), properties: properties(r),
            inside: m = project OR EXISTS { (m)-[:PART_OF]->(project) }}
  }
}] AS nodes
