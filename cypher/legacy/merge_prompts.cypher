// Creates legacy human prompts (the properties prompts/create sets) and their project edge.
// $rows: [{id, kind: 'human', text, role, createdAt, projectCode, legacyId, ...}]
// Result: written (number of rows)
UNWIND $rows AS row
MERGE (p:Prompt {id: row.id})
ON CREATE SET p = row, p:HumanPrompt
WITH p, row
CALL (p, row) {
  MATCH (pr:Project {code: row.projectCode})
  MERGE (p)-[:PART_OF]->(pr)
}
RETURN count(*) AS written
