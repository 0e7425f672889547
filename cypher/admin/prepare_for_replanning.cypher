// Resamples every index, waits for it, then clears the query caches, so queries are
// planned from the statistics of the data as it is now. Run after a bulk write: an
// index sampled while the database was empty makes the planner expect no rows, and
// choose plans (a scan per root cause, say) that never finish on the new data.
// Result: none
CALL db.prepareForReplanning()
