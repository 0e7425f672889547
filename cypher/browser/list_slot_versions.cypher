// A slot's versions (a shot, or a scene's video): every attempt, newest first, with the
// REGENERATES chain between them; the current one says isCurrent.
// In Neo4j Browser after  :param slot => '001-002'
// $slot: the slot, e.g. shot-001 or 001-002
// Result: each attempt and its REGENERATES edge to the previous one (drawn as a chain)
MATCH (a:Asset {slot: $slot})
OPTIONAL MATCH chain = (a)-[:REGENERATES]->(:Asset)
RETURN a, chain
ORDER BY a.version DESC
