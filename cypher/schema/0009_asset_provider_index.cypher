// Schema migration 0009_asset_provider_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_provider IF NOT EXISTS FOR (n:Asset) ON (n.provider)
