// Schema migration 0014_asset_name_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_name IF NOT EXISTS FOR (n:Asset) ON (n.name)
