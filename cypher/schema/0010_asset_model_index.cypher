// Schema migration 0010_asset_model_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_model IF NOT EXISTS FOR (n:Asset) ON (n.model)
