// Marks a project archived (read-only) or not, with where its bundle is kept.
// $code; $archived (boolean); $at (time of the change); $bundle (file name in the
// archive's projects/ folder, or null)
// Result: one row per project found: project (map)
MATCH (p:Project {code: $code})
SET p.archived = CASE WHEN $archived THEN true ELSE null END,
    p.archivedAt = CASE WHEN $archived THEN $at ELSE null END,
    p.archiveBundle = CASE WHEN $archived THEN $bundle ELSE null END,
    p.restoredAt = CASE WHEN $archived THEN p.restoredAt ELSE $at END
RETURN properties(p) AS project
