// Changes an attempt's status (the service has checked the transition).
// $id, $status, $changes: map of other properties to set (error, completedAt, currentSince...)
// Result: asset (map)
MATCH (a:Asset {id: $id})
SET a += $changes, a.status = $status
RETURN properties(a) AS asset
