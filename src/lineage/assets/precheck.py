"""Before a generation's bytes are stored: a write that will be refused stores nothing.

`recordGeneration(sourceUrl | sourcePath)` downloads or copies the bytes before its
write transaction (a download must not hold one open). So, first, one read
transaction asks what the write would answer: a replay of a recorded request (same
`clientKey`, same request) stores nothing and returns the recorded asset; an unknown
project or reference, a taken id or a `clientKey` used by another request is refused
before any byte is stored. What still slips through (a write refused for a reason that
arose in between) leaves a file no asset names, which `lineage verify --gc` removes.
"""

from __future__ import annotations

from typing import Any

from lineage import idempotency
from lineage.assets.models import NewGeneration
from lineage.assets.repository import AssetRepository
from lineage.assets.rules import check_references, new_asset_id
from lineage.db.store import Store, Tx
from lineage.errors import ConflictError


def stores_bytes(gen: NewGeneration) -> bool:
    """Whether recording `gen` stores new bytes (a `fileRef` names stored ones)."""
    return bool(gen.source_url or gen.source_path)


async def is_replay(
    store: Store, gen: NewGeneration, client_key: str | None, sent: dict[str, Any]
) -> bool:
    """True for a replay of a recorded request; the write's refusal raised now otherwise
    (for a generation that stores bytes; False at once for others)."""
    if not stores_bytes(gen):
        return False

    named = gen.model_copy(update={"id": gen.id or new_asset_id(gen.type)})

    async def ask(tx: Tx) -> bool:
        if await idempotency.find(tx, client_key, "recordGeneration", sent) is not None:
            return True
        found = await AssetRepository.references(tx, named)
        if found["idTaken"]:
            raise ConflictError(f"an asset with id {named.id!r} already exists")
        check_references(named, found)
        return False

    return await store.in_read_tx(ask)
