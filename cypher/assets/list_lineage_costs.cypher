// What each asset really cost: every attempt of its own slot up to its version,
// plus the same for everything upstream of it (DataLoader batch).
// $ids: asset ids. Result: id, costMicros (integer millionths of a dollar, summed exactly)
UNWIND $ids AS id
MATCH (a:Asset {id: id})
CALL (a) {
  MATCH (a)-[:GENERATED_FROM|USES_FRAME]->*(u:Asset)
  WITH DISTINCT u
  MATCH (attempt:Asset {slotKey: u.slotKey}) WHERE attempt.version <= u.version
  WITH DISTINCT attempt
  RETURN sum(toInteger(round(coalesce(attempt.estimatedCost, 0.0) * 1000000))) AS costMicros
}
RETURN id, costMicros
