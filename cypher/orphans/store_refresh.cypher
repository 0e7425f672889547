// The orphan refresh's one write (lineage.orphans.refresh): stores the states computed
// for the claimed assets and moves projects' orphan counts by as much (as
// orphans/set_status), then takes the short way for root when given (every live
// asset built from it through live assets and unpinned edges gains it as a root cause
// (add), or every asset that has it as a root cause loses it (NOT add), except
// those in exclude; what is built from root is
// write-locked first and `complete` says whether a consumer committed while it waited
// went unlocked: then nothing was moved, and the caller runs it again, with no rows),
// and reads back the asset assetId changed, as it ends up.
// $refresh (one map: Neo4j plans a statement once per combination of its parameters' types
// and list and string size classes; a map is one type whatever it holds):
// rows: [{id, orphaned, rootCauses: [id]}]; deltas: [{projectCode, delta}] in
// projectCode order; root (asset id or null); add; exclude: [id]; assetId (or null)
// Result: one row: complete, orphaned: [id], restored: [id], changed: [id] (what the
//   short way moved), asset (map, or null)
CALL () {
  UNWIND $refresh.rows AS row
  MATCH (a:Asset {id: row.id})
  SET a.orphaned = row.orphaned,
      a.orphanRootCauses = row.rootCauses
}
CALL () {
  UNWIND $refresh.deltas AS change
  MATCH (p:Project {code: change.projectCode})
  SET p.orphanCount = coalesce(p.orphanCount, 0) + change.delta
}
CALL () {
  OPTIONAL MATCH (r:Asset {id: $refresh.root})
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
  WITH r, below
  CALL (r, below) {
    // Gaining the root cause: the live assets built from r, read under the locks
    // (one breadth-first walk that visits each asset once: Neo4j prunes a
    // variable-length pattern whose predicates hold for each node and each edge); one
    // the walk below did not find came meanwhile
    WITH r WHERE $refresh.add
    MATCH live = (r)<-[:GENERATED_FROM|USES_FRAME*1..]-(d)
    WHERE all(e IN relationships(live) WHERE NOT coalesce(e.pinned, false))
      AND all(n IN nodes(live) WHERE n = r OR (n:Asset
            AND (n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent))))
    RETURN collect(DISTINCT d) AS reached
  }
  CALL (r, below) {
    // Losing it: what has it is below r, unless a consumer came meanwhile
    WITH r, below WHERE NOT $refresh.add
    UNWIND [r] + below AS c
    OPTIONAL MATCH (c)<-[:GENERATED_FROM|USES_FRAME]-(n:Asset) WHERE NOT n IN below
    RETURN count(n) = 0 AS consumersKnown
  }
  WITH below, CASE WHEN $refresh.add THEN reached ELSE below END AS candidates,
    CASE WHEN $refresh.add THEN size(COLLECT { UNWIND below + reached AS x RETURN DISTINCT x })
                        = size(below)
         ELSE consumersKnown END AS complete
  CALL (candidates, complete) {
    UNWIND CASE WHEN complete THEN candidates ELSE [] END AS d
    WITH d, coalesce(d.orphanRootCauses, []) AS before
    WHERE NOT d.id IN $refresh.exclude AND $refresh.add <> ($refresh.root IN before)
    WITH d, before, CASE WHEN $refresh.add THEN [x IN before WHERE x < $refresh.root] + $refresh.root + [x IN before WHERE x > $refresh.root]
                         ELSE [x IN before WHERE x <> $refresh.root] END AS after
    SET d.orphanRootCauses = after, d.orphaned = size(after) > 0
    RETURN collect([d.id, d.projectCode, size(before) > 0, size(after) > 0]) AS moved
  }
  CALL (moved) {
    UNWIND moved AS m
    WITH m[1] AS code,
         sum(CASE WHEN m[3] THEN 1 ELSE 0 END - CASE WHEN m[2] THEN 1 ELSE 0 END) AS delta
    WHERE code IS NOT NULL AND delta <> 0
    WITH code, delta ORDER BY code
    MATCH (p:Project {code: code})
    SET p.orphanCount = coalesce(p.orphanCount, 0) + delta
  }
  RETURN complete, moved
}
OPTIONAL MATCH (x:Asset {id: $refresh.assetId})
RETURN complete,
       [m IN moved WHERE m[3] AND NOT m[2] | m[0]] AS orphaned,
       [m IN moved WHERE m[2] AND NOT m[3] | m[0]] AS restored,
       [m IN moved WHERE m[2] AND m[3] | m[0]] AS changed,
       properties(x) AS asset
