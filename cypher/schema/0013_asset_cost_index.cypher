// Schema migration 0013_asset_cost_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_estimated_cost IF NOT EXISTS FOR (n:Asset) ON (n.estimatedCost)
