// No index on orphanState. This migration briefly created one; it made every
// orphan-state write update one more low-cardinality index (1,118 states took
// 116 ms instead of 70), so it now drops it where it exists. Every migration
// statement runs at each start, so databases that recorded the old one lose it too.
DROP INDEX asset_orphan_state IF EXISTS
