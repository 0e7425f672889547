// Bench: creates one batch of generated projects.
// $rows: [{code, id, title, flihubChapterId, flihubSegmentIds, createdAt, updatedAt}]
// Result: created (count)
UNWIND $rows AS row
CREATE (p:Project)
SET p = row
RETURN count(p) AS created
