// Checks what recordWorkflowRun names. $id, $projectCode
// Result: one row: idTaken, projectFound
RETURN
  EXISTS { MATCH (:Workflow {id: $id}) } AS idTaken,
  $projectCode IS NULL OR EXISTS { MATCH (:Project {code: $projectCode}) } AS projectFound
