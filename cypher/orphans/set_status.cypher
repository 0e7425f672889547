// Stores computed orphan status on assets: whether each is orphaned, and the
// root causes (the reasons, with kinds, paths and depths, are derived when read:
// orphans/explain_reasons).
// $rows: [{id, orphaned, rootCauses: [id]}]
// Result: updated (count)
UNWIND $rows AS row
MATCH (a:Asset {id: row.id})
SET a.orphaned = row.orphaned,
    a.orphanRootCauses = row.rootCauses
RETURN count(a) AS updated
