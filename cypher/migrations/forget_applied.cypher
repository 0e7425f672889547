// Forgets that a migration ran, so the runner applies it again (tests use it to
// run a data migration over a graph loaded from before it).
// $version. Result: forgotten (0 or 1)
MATCH (m:SchemaMigration {version: $version})
DELETE m
RETURN count(m) AS forgotten
