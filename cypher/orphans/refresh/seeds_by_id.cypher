// Fragment, first part of a statement (then orphans/refresh/claim_changed): the assets
// and prompts of $seeds.ids, as an orphan refresh after changes made earlier in the
// transaction starts from them.
// $seeds: {ids: [asset or prompt id]} (one map: Neo4j plans a statement once per combination of its parameters' types
// and list and string size classes; a map is one type whatever it holds)
// Binds: changed
OPTIONAL MATCH (s) WHERE (s:Asset OR s:Prompt) AND s.id IN $seeds.ids
WITH collect(s) AS changed
