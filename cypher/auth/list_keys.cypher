// Every API key, oldest first, without hashes.
// Params: none. Result: key {id, name, scopes, createdAt, revokedAt}.
MATCH (k:ApiKey)
RETURN k {.id, .name, .scopes, .createdAt, .revokedAt} AS key
ORDER BY k.createdAt, k.id
