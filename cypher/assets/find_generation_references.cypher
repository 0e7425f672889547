// Everything recordGeneration must check before it writes, in one round trip.
// $id, $promptIds, $sourceIds, $frameIds, $workflowId, $projectCode, $regeneratesId
// Result: one row: idTaken, missingPrompts, missingSources, frames [{id, type}],
//   workflowFound, projectFound, previous {id, slot, slotKey, projectCode, version}
//   (the attempt named by $regeneratesId), wouldCycle, projectArchived (the project the
//   attempt joins is archived: read-only). (The slot's newest attempt is
//   read under the slot's lock, by assets/changes/create_attempt.)
WITH COLLECT { MATCH (p:Asset {id: $regeneratesId}) RETURN p {.id, .slot, .slotKey, .projectCode, .version} }[0] AS previous
RETURN
  EXISTS { MATCH (:Asset {id: $id}) } AS idTaken,
  [pid IN $promptIds WHERE NOT EXISTS { MATCH (:Prompt {id: pid}) }] AS missingPrompts,
  [sid IN $sourceIds WHERE NOT EXISTS { MATCH (:Asset {id: sid}) }] AS missingSources,
  [fid IN $frameIds | {id: fid, type: COLLECT { MATCH (f:Asset {id: fid}) RETURN f.type }[0]}] AS frames,
  $workflowId IS NULL OR EXISTS { MATCH (:Workflow {id: $workflowId}) } AS workflowFound,
  $projectCode IS NULL OR EXISTS { MATCH (:Project {code: $projectCode}) } AS projectFound,
  previous,
  EXISTS { MATCH (:Asset {id: $regeneratesId})-[:REGENERATES*0..]->(:Asset {id: $id}) } AS wouldCycle,
  EXISTS { MATCH (:Project {code: coalesce($projectCode, previous.projectCode), archived: true}) }
    AS projectArchived
