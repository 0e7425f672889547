// Bench floor (bench-story): a catalog search page in one statement: the first $limit
// assets whose own prompt or name matches $search (Lucene, index prompt_words), or that
// were made from a matching prompt or from one refined or revised from it, newest
// first (ties by id).
// $search; $limit. Result: id (one row per asset, in page order)
CALL db.index.fulltext.queryNodes('prompt_words', $search) YIELD node
CALL (node) {
  WITH node WHERE node:Asset
  RETURN node AS a
  UNION
  WITH node WHERE node:Prompt
  MATCH (node) (()<-[:GENERATED_FROM|REGENERATES]-(:Prompt))* (:Prompt)<-[:GENERATED_FROM]-(a:Asset)
  RETURN a
}
WITH DISTINCT a
ORDER BY a.createdAt DESC, a.id DESC
LIMIT $limit
RETURN a.id AS id
