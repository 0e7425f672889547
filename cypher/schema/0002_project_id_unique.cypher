// Schema migration 0002_project_id_unique (idempotent: IF NOT EXISTS).
CREATE CONSTRAINT project_id_unique IF NOT EXISTS FOR (n:Project) REQUIRE n.id IS UNIQUE
