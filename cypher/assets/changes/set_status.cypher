// Fragment, first part of a statement (then assets/changes/refresh_current): changes
// an attempt's status (the service has checked the transition).
// $id, $status, $changes: map of other properties to set (error, completedAt, currentSince...)
// Binds: a (the attempt)
MATCH (a:Asset {id: $id})
SET a += $changes, a.status = $status
WITH a
