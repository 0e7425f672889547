// Fragment, first part of a statement (then orphans/refresh/claim_changed): the assets
// and prompts of $ids, as an orphan refresh after changes made earlier in the
// transaction starts from them.
// $ids: [asset or prompt id]
// Binds: changed
OPTIONAL MATCH (s) WHERE (s:Asset OR s:Prompt) AND s.id IN $ids
WITH collect(s) AS changed
