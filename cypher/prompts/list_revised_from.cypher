// The prompt each prompt revises (its older version; DataLoader batch). $ids.
// Result: id, prompt (map)
UNWIND $ids AS id
MATCH (:Prompt {id: id})-[:REGENERATES]->(old:Prompt)
RETURN id, properties(old) AS prompt
