// The ids of every asset whose stored state says it is orphaned, in chunks
// (few big rows decode far faster than many small ones).
// $chunk: ids per result row. Result rows: ids: [id]
MATCH (a:Asset) WHERE a.orphaned = true
WITH collect(a.id) AS found
UNWIND range(0, size(found) - 1, $chunk) AS start
RETURN found[start..start + $chunk] AS ids
