// Remembers what a keyed mutation produced, so a replay returns it.
// $key, $resultId. Result: none.
MATCH (k:IdempotencyKey {key: $key})
SET k.resultId = $resultId
