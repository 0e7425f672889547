// Assets whose stored orphan state is not ok (the full recomputation clears them
// even when only their `orphaned` flag was reset).
CREATE INDEX asset_orphan_state IF NOT EXISTS FOR (a:Asset) ON (a.orphanState)
