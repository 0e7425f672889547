// One asset by id. $id. Result: asset (map) or no row.
MATCH (a:Asset {id: $id})
RETURN properties(a) AS asset
