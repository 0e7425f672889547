// Which of the given project codes are already in the graph.
// $codes: [string]. Result, one row per existing project: code
UNWIND $codes AS code
MATCH (p:Project {code: code})
RETURN p.code AS code
