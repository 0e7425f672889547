// Checks what recordPrompt names. $id, $refinedFromId, $projectCode, $workflowId, $revisesId
// Result: one row: idTaken, refinedFromKind ('human' | 'machine' | null when absent),
//   projectFound, workflowFound, revisesFound
RETURN
  EXISTS { MATCH (:Prompt {id: $id}) } AS idTaken,
  COLLECT {
    MATCH (p:Prompt {id: $refinedFromId})
    RETURN CASE WHEN p:HumanPrompt THEN 'human' ELSE 'machine' END
  }[0] AS refinedFromKind,
  $projectCode IS NULL OR EXISTS { MATCH (:Project {code: $projectCode}) } AS projectFound,
  $workflowId IS NULL OR EXISTS { MATCH (:Workflow {id: $workflowId}) } AS workflowFound,
  $revisesId IS NULL OR EXISTS { MATCH (:Prompt {id: $revisesId}) } AS revisesFound
