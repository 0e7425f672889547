// Fragment, last part of a statement, after assets/changes/refresh_current: the ids
// whose status or currency the change changed (for an orphan refresh run later in the
// transaction); none when the change was refused (no row came before).
// Result: one row: changedIds
WITH collect(changed) AS found
RETURN [x IN coalesce(found[0], []) | x.id] AS changedIds
