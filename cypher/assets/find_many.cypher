// Assets by id, for DataLoaders. $ids: list. Result: id, asset (map), one row per found id.
UNWIND $ids AS id
MATCH (a:Asset {id: id})
RETURN id, properties(a) AS asset
