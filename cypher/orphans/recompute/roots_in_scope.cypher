// Fragment: the orphan recomputation of a scope, for a bulk change that names the nodes it wrote
// (an import): the seeds and every asset built from them at any depth, each asset's
// root causes found afresh by a walk up from it (never from stored orphan state), so what
// it reads grows with the scope and what the scope is built from, not with the instance.
// The same rules as orphans/recompute/roots_by_asset: root causes are superseded,
// failed or archived attempts and revised prompts an asset's live inputs are built
// straight from (through unpinned edges), and live assets whose own file is missing;
// each reaches every live asset built from it through live assets and unpinned edges.
// Fragment, first part of a statement (then orphans/recompute/store_in_scope).
// $seeds: {ids: [id of an asset or prompt]} (one map: one plan whatever its size)
// Binds: d (an asset of the scope), roots: [root cause id] (distinct, in id order)
UNWIND $seeds.ids AS id
CALL (id) {
  MATCH (s:Asset {id: id})
  RETURN s
  UNION
  MATCH (s:Prompt {id: id})
  RETURN s
}
MATCH (s)<-[:GENERATED_FROM|USES_FRAME*0..]-(d:Asset)
WITH DISTINCT d
CALL (d) {
  MATCH p = (d)-[:GENERATED_FROM|USES_FRAME*0..]->(s:Asset)
  WHERE all(e IN relationships(p) WHERE NOT coalesce(e.pinned, false))
    AND all(n IN nodes(p) WHERE n.status = 'generating' OR (n.status = 'ready' AND n.isCurrent))
  WITH DISTINCT s
  CALL (s) {
    MATCH (s)-[e:GENERATED_FROM|USES_FRAME]->(r:Asset)
    WHERE NOT coalesce(e.pinned, false) AND r.status IN ['failed', 'archived', 'ready']
      AND NOT (r.status = 'ready' AND coalesce(r.isCurrent, false))
    RETURN r.id AS root
    UNION
    MATCH (s)-[e:GENERATED_FROM|USES_FRAME]->(r:Prompt)
    WHERE NOT coalesce(e.pinned, false) AND EXISTS { (r)<-[:REGENERATES]-(:Prompt) }
    RETURN r.id AS root
    UNION
    WITH s WHERE s.fileMissing = true
    RETURN s.id AS root
  }
  WITH root ORDER BY root
  RETURN collect(DISTINCT root) AS roots
}
WITH d, roots
