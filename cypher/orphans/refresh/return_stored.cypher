// Fragment, last part of the orphan refresh's write, after orphans/refresh/move_counts:
// reads back the asset $refresh.assetId changed, as it ends up.
// Result: one row: complete, orphaned: [id], restored: [id], changed: [id] (what the
//   short way moved), asset (map, or null)
OPTIONAL MATCH (x:Asset {id: $refresh.assetId})
RETURN rootMoveComplete AS complete,
       [m IN rootMoved WHERE m[3] AND NOT m[2] | m[0]] AS orphaned,
       [m IN rootMoved WHERE m[2] AND NOT m[3] | m[0]] AS restored,
       [m IN rootMoved WHERE m[2] AND m[3] | m[0]] AS changed,
       properties(x) AS asset
