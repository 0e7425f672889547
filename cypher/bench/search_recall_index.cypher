// Search recall measurement: the ids of the sample prompts a Lucene query finds.
// $query: Lucene query text. Result: one row: ids (list of strings)
CALL db.index.fulltext.queryNodes('recall_sample', $query) YIELD node
RETURN collect(node.id) AS ids
