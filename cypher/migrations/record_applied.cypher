// Records that a schema migration ran.
// $version: file name without extension, e.g. "0001_project_code_unique"
MERGE (m:SchemaMigration {version: $version})
ON CREATE SET m.appliedAt = datetime()
