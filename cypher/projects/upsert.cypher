// Creates a project or updates its descriptive fields; id is the code.
// $row: {code, id, title, flihubChapterId, flihubSegmentIds, createdAt, updatedAt}
// Result: project (map of its properties), created (boolean)
MERGE (p:Project {code: $row.code})
ON CREATE SET p += $row, p.__created = true
ON MATCH SET p.title = coalesce($row.title, p.title),
             p.flihubChapterId = coalesce($row.flihubChapterId, p.flihubChapterId),
             p.flihubSegmentIds = coalesce($row.flihubSegmentIds, p.flihubSegmentIds),
             p.updatedAt = $row.updatedAt
WITH p, coalesce(p.__created, false) AS created
REMOVE p.__created
RETURN properties(p) AS project, created
