// Fragment, after a part that binds r (the short way's asset, or null), add, exclude
// (ids not to write) and moved, before orphans/refresh/move_counts: the short way
// (lineage.orphans.refresh). Every live asset built from r through live assets and
// unpinned edges gains r as a root cause (add), or every asset that has it as a root
// cause loses it (NOT add), except those in exclude (move_counts then moves the
// projects' orphan counts by as much). What is built from r is write-locked first;
// `rootMoveComplete` says whether a consumer committed while it waited went unlocked:
// then nothing was moved, and the caller runs orphans/refresh/store_states again.
// Binds: rootMoveComplete, rootMoved: [[id, projectCode, orphaned before, orphaned after]]
CALL (r, add, exclude) {
  CALL (r) {
    MATCH (r)<-[:GENERATED_FROM|USES_FRAME*1..]-(a:Asset)
    RETURN collect(DISTINCT a) AS below
  }
  // Write-locks each: removing a property takes the node's lock even where the node
  // has none, and leaves nothing to commit (a third of the CPU of setting the indexed
  // `id` to itself); Neo4j skips a removal, lock and all, of a property whose name it
  // has never stored, so the marker is set on r first (r is unlocked by the same loop)
  SET r.orphanLock = true
  FOREACH (a IN [r] + below | REMOVE a.orphanLock)
  WITH r, add, exclude, below
  CALL (r, add, below) {
    // Gaining the root cause: the live assets built from r, read under the locks
    // (one breadth-first walk that visits each asset once: Neo4j prunes a
    // variable-length pattern whose predicates hold for each node and each edge); one
    // the walk below did not find came meanwhile
    WITH r WHERE add
    MATCH live = (r)<-[:GENERATED_FROM|USES_FRAME*1..]-(d)
    WHERE all(e IN relationships(live) WHERE NOT coalesce(e.pinned, false))
      AND all(n IN nodes(live) WHERE n = r OR (n:Asset
            AND (n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent))))
    RETURN collect(DISTINCT d) AS reached
  }
  CALL (r, add, below) {
    // Losing it: what has it is below r, unless a consumer came meanwhile
    WITH r, below WHERE NOT add
    UNWIND [r] + below AS c
    OPTIONAL MATCH (c)<-[:GENERATED_FROM|USES_FRAME]-(n:Asset) WHERE NOT n IN below
    RETURN count(n) = 0 AS consumersKnown
  }
  WITH r.id AS root, add, exclude, below, CASE WHEN add THEN reached ELSE below END AS candidates,
    CASE WHEN add THEN size(COLLECT { UNWIND below + reached AS x RETURN DISTINCT x })
                        = size(below)
         ELSE consumersKnown END AS complete
  CALL (root, add, exclude, candidates, complete) {
    UNWIND CASE WHEN complete THEN candidates ELSE [] END AS d
    WITH d, coalesce(d.orphanRootCauses, []) AS before
    WHERE NOT d.id IN exclude AND add <> (root IN before)
    WITH d, before, CASE WHEN add THEN [x IN before WHERE x < root] + root + [x IN before WHERE x > root]
                         ELSE [x IN before WHERE x <> root] END AS after
    // Two SET clauses: one SET of both costs Neo4j more CPU (docs/performance.md)
    SET d.orphanRootCauses = after
    SET d.orphaned = size(after) > 0
    RETURN collect([d.id, d.projectCode, size(before) > 0, size(after) > 0]) AS moved
  }
  RETURN complete AS rootMoveComplete, moved AS rootMoved
}
