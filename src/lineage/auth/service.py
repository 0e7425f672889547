"""Creating, listing and revoking API keys, and telling who a token belongs to.

`authenticate` remembers a verified key for `ttl_s` seconds (30 by default), under
its raw token (`lineage.auth.cache` says why that is safe) and its id (for `holder`,
which signed URLs use), so a request costs no Neo4j round trip and no hash for its
key; the price is that a revoked
key keeps working for at most that long in a running server. Unknown or
revoked tokens are never remembered: they are re-checked every time.
"""

from __future__ import annotations

from lineage.auth.cache import TtlCache
from lineage.auth.models import ApiKey, Caller, Scope
from lineage.auth.repository import KeyRepository
from lineage.auth.tokens import digest, key_id_of, new_token
from lineage.db.store import Store
from lineage.errors import InvalidInputError, NotFoundError, UnauthenticatedError
from lineage.models import utc_timestamp

MAX_NAME = 100
MAX_CACHED = 1000


class KeyService:
    def __init__(self, store: Store, ttl_s: float = 30.0) -> None:
        self.keys = KeyRepository(store)
        self._by_token = TtlCache[str, Caller](ttl_s, MAX_CACHED)
        self._by_id = TtlCache[str, Caller](ttl_s, MAX_CACHED)

    async def create(self, name: str, scope: Scope) -> tuple[ApiKey, str]:
        """The new key and its token (shown once: only its hash is stored)."""
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise InvalidInputError(f"a key's name must be 1 to {MAX_NAME} characters")
        key_id, token = new_token()
        key = ApiKey(id=key_id, name=name, scopes=scope.granted(), created_at=utc_timestamp())
        return await self.keys.create(key, digest(token)), token

    async def list_all(self) -> list[ApiKey]:
        return await self.keys.list_all()

    async def revoke(self, key_id: str) -> ApiKey:
        revoked = await self.keys.revoke(key_id, utc_timestamp())
        if revoked is None:
            raise NotFoundError(f"no API key with id {key_id!r}")
        return revoked

    async def authenticate(self, token: str) -> Caller:
        """The caller a token stands for; `UnauthenticatedError` says why not."""
        cached = self._by_token.get(token)
        if cached is not None:
            return cached
        caller = await self._verify(token)
        self._by_token.put(token, caller)
        self._by_id.put(caller.key_id, caller)
        return caller

    async def holder(self, key_id: str) -> Caller:
        """The caller of a key known by its id alone (a signed URL names the key that
        asked for it): UnauthenticatedError once it is revoked or gone. Remembered like
        `authenticate`'s, under the id."""
        cached = self._by_id.get(key_id)
        if cached is not None:
            return cached
        key = await self.keys.find(key_id)
        if key is None:
            raise UnauthenticatedError(f"the API key {key_id!r} that signed this URL is gone")
        caller = _caller_of(key)
        self._by_id.put(key_id, caller)
        return caller

    async def _verify(self, token: str) -> Caller:
        key_id = key_id_of(token)
        if key_id is None:
            raise UnauthenticatedError("the bearer token is not a Lineage API key")
        key = await self.keys.find_by_hash(digest(token))  # one path, known id or not
        if key is None or key.id != key_id:
            raise UnauthenticatedError("unknown API key")
        return _caller_of(key)


def _caller_of(key: ApiKey) -> Caller:
    """The caller of a stored key; UnauthenticatedError when it was revoked."""
    if key.revoked_at is not None:
        raise UnauthenticatedError(f"API key {key.id} was revoked at {key.revoked_at}")
    return Caller(key.id, key.name, frozenset(key.scopes))
