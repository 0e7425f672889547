// Fragment, last part of a statement, after orphans/refresh/claim_changed: returns the
// claim for lineage.orphans.refresh to finish (orphans/refresh/store_states).
// Result: one row: complete, rows, moveRoot, add, others (as claim_changed binds them)
RETURN complete, rows, moveRoot, add, others
