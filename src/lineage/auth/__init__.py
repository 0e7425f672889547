"""API keys with scopes (`read` ⊂ `write` ⊂ `admin`), sent as `Authorization: Bearer <token>`.

tokens.py      make, parse and hash `lin_<id>_<secret>` tokens
models.py      Scope, ApiKey (as stored), Caller (who is asking); its errors, UNAUTHENTICATED
               (401) and FORBIDDEN (403), are in the one tree of `lineage.errors`
repository.py  `:ApiKey` nodes (cypher/auth/)
service.py     create / list / revoke, and `authenticate` with a short TTL cache
middleware.py  the HTTP gate: every path needs a key except the public ones
gql.py         the GraphQL gate: mutations need `write`
dev.py         the local development key of `lineage serve`
cli.py         `lineage keys create | list | revoke`
"""
