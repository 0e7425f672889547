// Schema migration 0008_asset_type_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_type IF NOT EXISTS FOR (n:Asset) ON (n.type)
