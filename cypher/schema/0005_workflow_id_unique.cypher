// Schema migration 0005_workflow_id_unique (idempotent: IF NOT EXISTS).
CREATE CONSTRAINT workflow_id_unique IF NOT EXISTS FOR (n:Workflow) REQUIRE n.id IS UNIQUE
