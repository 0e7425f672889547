// Schema migration 0011_asset_status_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_status IF NOT EXISTS FOR (n:Asset) ON (n.status)
