// Schema migration 0012_asset_created_at_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_created_at IF NOT EXISTS FOR (n:Asset) ON (n.createdAt)
