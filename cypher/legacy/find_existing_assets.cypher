// Which of the given asset ids are already in the graph, with their file's hash, as one
// row (a row per asset costs the driver far more than the lookup itself).
// $ids: [string]. Result, one row: found, a list of [id, fileSha256 (null without a file)]
UNWIND $ids AS id
MATCH (a:Asset {id: id})
RETURN collect([a.id, a.fileSha256]) AS found
