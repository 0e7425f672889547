// The API key whose token hashes to $keyHash (a unique index seek whether or not the
// token's id exists, so the answer's timing tells nothing about key ids).
// Params: $keyHash. Result: key {id, name, scopes, createdAt, revokedAt}, or no row.
MATCH (k:ApiKey {keyHash: $keyHash})
RETURN k {.id, .name, .scopes, .createdAt, .revokedAt} AS key
