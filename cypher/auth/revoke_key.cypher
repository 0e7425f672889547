// Revokes an API key; revoking twice keeps the first time.
// Params: $id, $now. Result: key (without keyHash), or no row when the id names no key.
MATCH (k:ApiKey {id: $id})
SET k.revokedAt = coalesce(k.revokedAt, $now)
RETURN k {.id, .name, .scopes, .createdAt, .revokedAt} AS key
