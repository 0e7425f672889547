// Bench: every project's code and number of assets, in code order.
// No parameters. Result: one row: projects: [[code, assets]]
MATCH (p:Project)
WITH p ORDER BY p.code
RETURN collect([p.code, COUNT { (:Asset)-[:PART_OF]->(p) }]) AS projects
