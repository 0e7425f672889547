// Which of the given prompt ids are already in the graph.
// $ids: [string]. Result, one row per existing prompt: id
UNWIND $ids AS id
MATCH (p:Prompt {id: id})
RETURN p.id AS id
