// The prompt each prompt was refined from (DataLoader batch). $ids. Result: id, prompt (map)
UNWIND $ids AS id
MATCH (:Prompt {id: id})-[:GENERATED_FROM]->(h:Prompt)
RETURN id, properties(h) AS prompt
