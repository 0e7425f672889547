// The assets built from the seeds at any depth that are not seeds themselves: with the
// seeds, the scope of orphans/recompute/roots_in_scope (an import's seeds are its own
// nodes; beyond them are existing assets built from a stub it made real, say).
// $seeds: {ids: [id of an asset or prompt]} (one map: one plan whatever its size)
// Result: one row: beyond: [id] (distinct, none of them a seed)
UNWIND $seeds.ids AS id
CALL (id) {
  MATCH (s:Asset {id: id})
  RETURN s
  UNION
  MATCH (s:Prompt {id: id})
  RETURN s
}
MATCH (s)<-[:GENERATED_FROM|USES_FRAME]-(d:Asset)
WHERE NOT d.id IN $seeds.ids
MATCH (d)<-[:GENERATED_FROM|USES_FRAME*0..]-(beyond:Asset)
WHERE NOT beyond.id IN $seeds.ids
RETURN collect(DISTINCT beyond.id) AS beyond
