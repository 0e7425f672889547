// One API key by id, with its hash (to check a token against).
// Params: $id. Result: key {id, name, scopes, keyHash, createdAt, revokedAt}, or no row.
MATCH (k:ApiKey {id: $id})
RETURN k {.id, .name, .scopes, .keyHash, .createdAt, .revokedAt} AS key
