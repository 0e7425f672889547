// Fragment, last part of a change's statement, after orphans/refresh/store_claimed,
// orphans/refresh/move_root and orphans/refresh/move_counts: reads back the asset
// $claim.assetId when the refresh is done, and returns what was stored.
// Result: one row: stored (the claim's part is done in this statement), complete,
//   rows (empty when stored), moveRoot, add, others (as orphans/refresh/return_claim),
//   rootMoveComplete (false: the short way found a consumer that came meanwhile and
//   moved nothing; lineage.orphans.refresh runs it again), orphaned, restored,
//   changed: [id] (assets whose state it stored: newly orphaned, no longer, other root
//   causes), asset (map, or null when not done or not found)
OPTIONAL MATCH (x:Asset {id: $claim.assetId}) WHERE stored AND rootMoveComplete
WITH stored, complete, rows, moveRoot, add, others, rootMoveComplete,
     moved + rootMoved AS moved, x
RETURN stored, complete, CASE WHEN stored THEN [] ELSE rows END AS rows, moveRoot, add,
       others, rootMoveComplete,
       [m IN moved WHERE m[3] AND NOT m[2] | m[0]] AS orphaned,
       [m IN moved WHERE m[2] AND NOT m[3] | m[0]] AS restored,
       [m IN moved WHERE m[2] = m[3] | m[0]] AS changed,
       properties(x) AS asset
