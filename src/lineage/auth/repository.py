"""`:ApiKey` nodes in Neo4j (Cypher in `cypher/auth/`)."""

from __future__ import annotations

from lineage.auth.models import ApiKey
from lineage.db.store import Store


class KeyRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def create(self, key: ApiKey, key_hash: str) -> ApiKey:
        row = {**key.to_row(), "keyHash": key_hash}
        [found] = await self.store.write("auth/create_key", row=row)
        return ApiKey.model_validate(found["key"])

    async def find_by_hash(self, key_hash: str) -> ApiKey | None:
        rows = await self.store.read("auth/find_key_by_hash", keyHash=key_hash)
        return ApiKey.model_validate(rows[0]["key"]) if rows else None

    async def find(self, key_id: str) -> ApiKey | None:
        rows = await self.store.read("auth/find_key", id=key_id)
        return ApiKey.model_validate(rows[0]["key"]) if rows else None

    async def list_all(self) -> list[ApiKey]:
        return [ApiKey.model_validate(r["key"]) for r in await self.store.read("auth/list_keys")]

    async def revoke(self, key_id: str, now: str) -> ApiKey | None:
        rows = await self.store.write("auth/revoke_key", id=key_id, now=now)
        return ApiKey.model_validate(rows[0]["key"]) if rows else None
