// Which of the given asset ids are already in the graph, with their file's hash.
// $ids: [string]. Result, one row per existing asset: id, fileSha256 (null without a file)
UNWIND $ids AS id
MATCH (a:Asset {id: id})
RETURN a.id AS id, a.fileSha256 AS fileSha256
