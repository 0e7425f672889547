// Schema migration 0001_project_code_unique (idempotent: IF NOT EXISTS).
CREATE CONSTRAINT project_code_unique IF NOT EXISTS FOR (n:Project) REQUIRE n.code IS UNIQUE
