// Stores computed orphan state: whether each asset is orphaned and its root causes
// (the reasons, with kinds, paths and depths, are derived when read:
// orphans/explain_reasons), and moves projects' maintained orphan counts by as
// much. A count's increment reads it under the write lock SET takes, so
// concurrent changes add up.
// $rows: [{id, orphaned, rootCauses: [id]}]
// $deltas: [{projectCode, delta}], in projectCode order (locks taken in one order)
// Result: one row: updated (assets)
CALL () {
  UNWIND $rows AS row
  MATCH (a:Asset {id: row.id})
  // Two SET clauses: one SET of both costs Neo4j more CPU (docs/performance.md)
  SET a.orphaned = row.orphaned
  SET a.orphanRootCauses = row.rootCauses
  RETURN count(a) AS updated
}
CALL () {
  UNWIND $deltas AS change
  MATCH (p:Project {code: change.projectCode})
  SET p.orphanCount = coalesce(p.orphanCount, 0) + change.delta
}
RETURN updated
