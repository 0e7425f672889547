// Creates legacy projects, or fills in their descriptive fields (as projects/upsert does).
// $rows: [{code, id, title, flihubChapterId, flihubSegmentIds, createdAt, updatedAt}]
// Result: written (number of rows)
UNWIND $rows AS row
MERGE (p:Project {code: row.code})
ON CREATE SET p += row
ON MATCH SET p.title = coalesce(row.title, p.title),
             p.flihubChapterId = coalesce(row.flihubChapterId, p.flihubChapterId),
             p.flihubSegmentIds = coalesce(row.flihubSegmentIds, p.flihubSegmentIds),
             p.updatedAt = row.updatedAt
RETURN count(*) AS written
