// One prompt by id. $id. Result: prompt (map) or no row.
MATCH (p:Prompt {id: $id})
RETURN properties(p) AS prompt
