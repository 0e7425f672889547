// Schema migration 0006_migration_version_unique (idempotent: IF NOT EXISTS).
CREATE CONSTRAINT schema_migration_version_unique IF NOT EXISTS FOR (n:SchemaMigration) REQUIRE n.version IS UNIQUE
