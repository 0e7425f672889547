// An attempt before its status changes, and whether its project is archived
// (read-only), in one round trip.
// $id. Result: asset (map), projectArchived; or no row.
MATCH (a:Asset {id: $id})
RETURN properties(a) AS asset,
       EXISTS { MATCH (:Project {code: a.projectCode, archived: true}) } AS projectArchived
