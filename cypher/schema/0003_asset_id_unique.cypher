// Schema migration 0003_asset_id_unique (idempotent: IF NOT EXISTS).
CREATE CONSTRAINT asset_id_unique IF NOT EXISTS FOR (n:Asset) REQUIRE n.id IS UNIQUE
