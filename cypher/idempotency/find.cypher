// The earlier claim of a client key, if any (read-only: checked before storing files).
// $key. Result: one row: fingerprint, mutation, resultId (all null when the key is unused)
OPTIONAL MATCH (k:IdempotencyKey {key: $key})
RETURN k.fingerprint AS fingerprint, k.mutation AS mutation, k.resultId AS resultId
