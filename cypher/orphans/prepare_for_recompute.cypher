// Before a full orphan recomputation (orphans/compute_roots), which runs after bulk
// writes, when an index is outdated (orphans/recompute/list_index_samples): Neo4j
// resamples its outdated indexes, waits for it, then clears the query caches, so
// compute_roots is planned from the statistics of the data as it is now (an index
// sampled while the database was empty has the planner choose a scan per root cause
// that never finishes on the new data).
// Result: none
CALL db.prepareForReplanning()
