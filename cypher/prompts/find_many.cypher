// Prompts by id (DataLoader batch). $ids. Result: id, prompt (map)
UNWIND $ids AS id
MATCH (p:Prompt {id: id})
RETURN id, properties(p) AS prompt
