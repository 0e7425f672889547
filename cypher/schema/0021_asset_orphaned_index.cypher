// Orphaned assets across projects (the catalog's `orphaned` filter).
CREATE INDEX asset_orphaned IF NOT EXISTS FOR (a:Asset) ON (a.orphaned)
