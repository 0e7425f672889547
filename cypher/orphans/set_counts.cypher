// Sets every project's maintained orphan count (after a full recomputation).
// $counts: {projectCode: number of orphaned assets} (absent: none)
// Result: updated (count)
MATCH (p:Project)
SET p.orphanCount = coalesce($counts[p.code], 0)
RETURN count(p) AS updated
