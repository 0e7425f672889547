// Every asset whose stored state says it is orphaned, in chunks (few big rows
// decode far faster than many small ones).
// $chunk: entries per result row. Result rows: orphans: [[id, projectCode]]
MATCH (a:Asset) WHERE a.orphaned = true
WITH collect([a.id, a.projectCode]) AS found
UNWIND range(0, size(found) - 1, $chunk) AS start
RETURN found[start..start + $chunk] AS orphans
