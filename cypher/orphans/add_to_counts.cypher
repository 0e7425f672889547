// Moves projects' maintained orphan counts (what a page of orphans reports as its
// totalCount) by the change a transaction made to their assets' orphaned flags.
// The increment reads the count under the write lock SET takes, so concurrent
// changes add up.
// $deltas: [{projectCode, delta}], in projectCode order (locks taken in one order)
// Result: updated (count)
UNWIND $deltas AS change
MATCH (p:Project {code: change.projectCode})
SET p.orphanCount = coalesce(p.orphanCount, 0) + change.delta
RETURN count(p) AS updated
