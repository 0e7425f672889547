// Schema migration 0018_workflow_engine_index (idempotent: IF NOT EXISTS).
CREATE INDEX workflow_engine IF NOT EXISTS FOR (n:Workflow) ON (n.engine)
