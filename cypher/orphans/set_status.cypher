// Stores computed orphan status on assets.
// $rows: [{id, orphaned, state, reasons (JSON text), rootCauses: [id]}]
// Result: updated (count)
UNWIND $rows AS row
MATCH (a:Asset {id: row.id})
SET a.orphaned = row.orphaned,
    a.orphanState = row.state,
    a.orphanReasons = row.reasons,
    a.orphanRootCauses = row.rootCauses
RETURN count(a) AS updated
