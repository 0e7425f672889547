// Versions of the schema migrations already applied.
// Result: version (string), ordered.
MATCH (m:SchemaMigration)
RETURN m.version AS version
ORDER BY version
