// Fragment, last part of a statement, after assets/changes/refresh_current: the ids
// whose status or currency the change changed (for an orphan refresh run later in the
// transaction).
// Result: one row: changedIds
RETURN [x IN changed | x.id] AS changedIds
