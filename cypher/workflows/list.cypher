// A page of workflow runs, newest first. $engine, $projectCode, $status, $skip, $limit
// Result: one row: totalCount, workflows (list of maps)
OPTIONAL MATCH (w:Workflow)
WHERE ($engine IS NULL OR w.engine = $engine)
  AND ($projectCode IS NULL OR w.projectCode = $projectCode)
  AND ($status IS NULL OR w.status = $status)
WITH w ORDER BY w.startedAt DESC, w.id
WITH collect(w) AS matched
RETURN size(matched) AS totalCount, [w IN matched[$skip..$skip + $limit] | properties(w)] AS workflows
