// Every project's maintained orphan count (for integrity checks).
// Result per project: code, orphanCount (0 when never set)
MATCH (p:Project)
RETURN p.code AS code, coalesce(p.orphanCount, 0) AS orphanCount
ORDER BY code
