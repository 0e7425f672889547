// Before a full orphan recomputation: how many indexes Neo4j would resample, i.e.
// whose updates since their last sample exceed $share of their size (Neo4j's own
// measure of outdated, db.index_sampling.update_percentage, 5% by default) or
// which were sampled empty and have had updates since. When none is, resampling
// would change nothing and orphans/prepare_for_recompute is skipped: it would
// only empty the query caches and have compute_roots planned again.
// $share. Result: one row: outdated (count)
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN size([i IN data.indexes
             WHERE i.updatesSinceEstimation > $share * i.totalSize
               AND i.updatesSinceEstimation > 0]) AS outdated
