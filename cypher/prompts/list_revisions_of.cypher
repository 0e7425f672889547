// Each prompt's whole revision history (DataLoader batch): the prompts it revises and
// those revising it, however many steps away either way, itself included, oldest first
// (ties by id). $ids. Result: id, prompts (list of maps)
UNWIND $ids AS id
MATCH (:Prompt {id: id})-[:REGENERATES*0..]-(version:Prompt)
WITH DISTINCT id, version ORDER BY version.createdAt, version.id
RETURN id, collect(properties(version)) AS prompts
