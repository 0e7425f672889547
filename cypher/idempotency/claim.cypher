// Claims a client key for a mutation, or finds the earlier claim.
// $key, $mutation, $fingerprint (hash of the request), $now
// Result: fingerprint and resultId of the claim, fresh (true when this call made it)
MERGE (k:IdempotencyKey {key: $key})
ON CREATE SET k.mutation = $mutation, k.fingerprint = $fingerprint, k.createdAt = $now,
              k.fresh = true
WITH k, coalesce(k.fresh, false) AS fresh
REMOVE k.fresh
RETURN k.fingerprint AS fingerprint, k.mutation AS mutation, k.resultId AS resultId, fresh
