// One API key by id (without its hash).
// Params: $id. Result: key {id, name, scopes, createdAt, revokedAt}, or no row.
MATCH (k:ApiKey {id: $id})
RETURN k {.id, .name, .scopes, .createdAt, .revokedAt} AS key
