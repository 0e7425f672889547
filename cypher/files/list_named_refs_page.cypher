// One page of the catalog files the graph names, in asset id order (keyset paging), for
// `lineage verify --gc`: an asset names a file by `fileRef` or by a `url` under $urlPrefix.
// $after: the last id of the previous page ('' for the first); $limit: page size;
// $urlPrefix: e.g. '/files/'.
// Result: one row per asset naming a file: id, fileRef, url
MATCH (a:Asset)
WHERE a.id > $after
  AND (a.fileRef IS NOT NULL OR a.url STARTS WITH $urlPrefix)
RETURN a.id AS id, a.fileRef AS fileRef, a.url AS url
ORDER BY a.id
LIMIT $limit
