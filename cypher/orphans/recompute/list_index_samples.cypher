// Before a full orphan recomputation: what Neo4j knows of each index's sample, to tell
// whether any is outdated (lineage.orphans.repository.outdated_indexes: updates since
// its last sample above 5% of its size, Neo4j's own measure, or a sample taken empty
// with updates since). When none is, resampling would change nothing and
// orphans/prepare_for_recompute is skipped: it would only empty the query caches and
// have the recomputation planned again. The rule is applied in Python: a list
// comprehension here cost about 0.2-0.3 s more of Neo4j's CPU on the first run after a
// start (planned and compiled cold), in a statement every cold recomputation runs.
// No parameters. Result: one row: indexes [{updatesSinceEstimation, totalSize, ...}]
CALL db.stats.retrieve('GRAPH COUNTS') YIELD data
RETURN data.indexes AS indexes
