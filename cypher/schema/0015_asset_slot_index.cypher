// Schema migration 0015_asset_slot_index (idempotent: IF NOT EXISTS).
CREATE INDEX asset_slot IF NOT EXISTS FOR (n:Asset) ON (n.slot)
