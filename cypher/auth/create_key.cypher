// Stores a new API key (its token's SHA-256, never the token).
// Params: $row {id, name, scopes, keyHash, createdAt}. Result: key (without keyHash).
CREATE (k:ApiKey {
  id: $row.id, name: $row.name, scopes: $row.scopes,
  keyHash: $row.keyHash, createdAt: $row.createdAt
})
RETURN k {.id, .name, .scopes, .createdAt, .revokedAt} AS key
