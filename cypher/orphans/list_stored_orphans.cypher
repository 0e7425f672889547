// The ids of every asset whose stored state says it is orphaned, by its flag or
// by its state, in chunks (few big rows decode far faster than many small ones).
// $chunk: ids per result row. Result rows: ids: [id]
CALL () {
  MATCH (a:Asset) WHERE a.orphaned = true
  RETURN a.id AS id
  UNION
  MATCH (a:Asset) WHERE a.orphanState IN ['stale', 'broken', 'inherited']
  RETURN a.id AS id
}
WITH collect(id) AS found
UNWIND range(0, size(found) - 1, $chunk) AS start
RETURN found[start..start + $chunk] AS ids
