// A filtered, sorted page of assets (the catalog search).
// $search: Lucene query over prompt text and names (or null); filters: $type, $provider,
// $model, $status, $projectCode, $createdFrom, $createdTo (ISO strings, inclusive/exclusive),
// $currentOnly, $orphaned (true, false or null for either); order: $orderBy ('createdAt' | 'estimatedCost' | 'name'), $descending;
// page: $skip, $limit. Result: one row: totalCount, assets (list of maps)
CALL () {
  WITH $search AS search WHERE search IS NULL
  MATCH (a:Asset) RETURN a
  UNION
  WITH $search AS search WHERE search IS NOT NULL
  CALL db.index.fulltext.queryNodes('prompt_text', search) YIELD node
  OPTIONAL MATCH (node)<-[:GENERATED_FROM]-(generated:Asset) WHERE node:Prompt
  WITH CASE WHEN node:Asset THEN node ELSE generated END AS a
  WHERE a IS NOT NULL
  RETURN DISTINCT a
}
WITH a WHERE ($type IS NULL OR a.type = $type)
  AND ($provider IS NULL OR a.provider = $provider)
  AND ($model IS NULL OR a.model = $model)
  AND ($status IS NULL OR a.status = $status)
  AND ($projectCode IS NULL OR a.projectCode = $projectCode)
  AND ($createdFrom IS NULL OR a.createdAt >= $createdFrom)
  AND ($createdTo IS NULL OR a.createdAt < $createdTo)
  AND (NOT $currentOnly OR a.isCurrent)
  AND ($orphaned IS NULL OR coalesce(a.orphaned, false) = $orphaned)
WITH a, CASE $orderBy WHEN 'estimatedCost' THEN a.estimatedCost WHEN 'name' THEN a.name
  ELSE a.createdAt END AS key
ORDER BY CASE WHEN $descending THEN null ELSE key END ASC,
         CASE WHEN $descending THEN key END DESC, a.id
WITH collect(a) AS matched
RETURN size(matched) AS totalCount, [a IN matched[$skip..$skip + $limit] | properties(a)] AS assets
