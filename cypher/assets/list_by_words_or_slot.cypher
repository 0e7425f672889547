// A filtered, sorted page of the catalog found by words or in one slot, after a keyset
// cursor (every other filter shape is served by the anchors of assets/catalog/).
// $search: Lucene query over prompt words (index prompt_words), or null for the
//   attempts of the slot $slotKey.
//   An asset matches by its own prompt or name, or by a prompt it was made from; with
//   $searchChain also by any prompt that one was refined from (GENERATED_FROM between
//   prompts) or revised from (REGENERATES between prompts), however many steps back.
// Filters (null for any): $type, $provider, $model, $status, $projectCode, $slotKey,
//   $createdFrom (inclusive), $createdTo (exclusive), $orphaned; $currentOnly (boolean).
// Order: $orderBy ('createdAt' | 'estimatedCost' | 'name'), $descending; ties by id in
//   the same direction; assets without the key come last in either direction.
// Page: $afterKey, $afterId: the sort key and id of the previous page's last asset
//   ($afterId null for the first page); $limit.
// Result: one row: totalCount (every match), assets: up to $limit
//   [{key, asset: map, matchedPrompts: [map], matchedOwnText: boolean}]
CALL () {
  WITH $search AS search WHERE search IS NULL
  MATCH (a:Asset {slotKey: $slotKey})
  RETURN a, null AS matched, false AS own
  UNION ALL
  WITH $search AS search WHERE search IS NOT NULL
  CALL db.index.fulltext.queryNodes('prompt_words', search) YIELD node
  CALL (node) {
    WITH node WHERE node:Asset
    RETURN node AS a, null AS matched, true AS own
    UNION
    WITH node WHERE node:Prompt AND $searchChain
    MATCH (node) (()<-[:GENERATED_FROM|REGENERATES]-(:Prompt))* (:Prompt)<-[:GENERATED_FROM]-(a:Asset)
    RETURN a, node AS matched, false AS own
    UNION
    WITH node WHERE node:Prompt AND NOT $searchChain
    MATCH (node)<-[:GENERATED_FROM]-(a:Asset)
    RETURN a, node AS matched, false AS own
  }
  RETURN a, matched, own
}
WITH a, collect(DISTINCT matched) AS matchedPrompts, any(o IN collect(own) WHERE o) AS own
WHERE ($type IS NULL OR a.type = $type)
  AND ($provider IS NULL OR a.provider = $provider)
  AND ($model IS NULL OR a.model = $model)
  AND ($status IS NULL OR a.status = $status)
  AND ($projectCode IS NULL OR a.projectCode = $projectCode)
  AND ($slotKey IS NULL OR a.slotKey = $slotKey)
  AND ($createdFrom IS NULL OR a.createdAt >= $createdFrom)
  AND ($createdTo IS NULL OR a.createdAt < $createdTo)
  AND (NOT $currentOnly OR a.isCurrent)
  AND ($orphaned IS NULL OR coalesce(a.orphaned, false) = $orphaned)
WITH collect({a: a, matchedPrompts: matchedPrompts, own: own,
  key: CASE $orderBy WHEN 'estimatedCost' THEN a.estimatedCost WHEN 'name' THEN a.name
    ELSE a.createdAt END}) AS matches
CALL (matches) {
  UNWIND matches AS m
  WITH m, m.key AS key, m.a.id AS id
  WHERE $afterId IS NULL
    OR (key IS NULL AND ($afterKey IS NOT NULL
      OR CASE WHEN $descending THEN id < $afterId ELSE id > $afterId END))
    OR CASE WHEN $descending THEN key < $afterKey ELSE key > $afterKey END
    OR (key = $afterKey AND CASE WHEN $descending THEN id < $afterId ELSE id > $afterId END)
  ORDER BY key IS NULL, CASE WHEN $descending THEN null ELSE key END ASC,
    CASE WHEN $descending THEN key END DESC, CASE WHEN $descending THEN null ELSE id END ASC,
    CASE WHEN $descending THEN id END DESC
  LIMIT $limit
  RETURN collect({key: key, asset: properties(m.a), matchedOwnText: m.own,
    matchedPrompts: [p IN m.matchedPrompts | properties(p)]}) AS assets
}
RETURN size(matches) AS totalCount, assets
