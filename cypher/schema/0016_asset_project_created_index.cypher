// Schema migration 0016_asset_project_created_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_project_created_at IF NOT EXISTS FOR (n:Asset) ON (n.projectCode, n.createdAt)
