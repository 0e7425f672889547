"""The importer's reads and batched writes (`cypher/legacy/`): UNWIND over rows,
a few thousand rows per transaction, nodes before the relationships between them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from lineage.assets.repository import AssetRepository
from lineage.db.store import Store, Tx

BATCH = 2_000


def batches(rows: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class LegacyRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def existing_assets(self, ids: Sequence[str]) -> dict[str, str | None]:
        """id -> file hash (or None) of the given assets that exist."""
        found: dict[str, str | None] = {}
        for batch in batches(ids, 10 * BATCH):
            [row] = await self.store.read("legacy/find_existing_assets", ids=list(batch))
            found.update((asset_id, sha) for asset_id, sha in row["found"])
        return found

    async def existing_prompts(self, ids: Sequence[str]) -> set[str]:
        rows = await self.store.read("legacy/find_existing_prompts", ids=list(ids))
        return {row["id"] for row in rows}

    async def existing_projects(self, codes: Sequence[str]) -> set[str]:
        rows = await self.store.read("legacy/find_existing_projects", codes=list(codes))
        return {row["code"] for row in rows}

    async def slot_heads(self, slot_keys: Sequence[str]) -> dict[str, tuple[str, int]]:
        """slot key -> (id, version) of its newest attempt, for slots that have any."""
        heads: dict[str, tuple[str, int]] = {}
        for batch in batches(slot_keys, 10 * BATCH):
            rows = await self.store.read("legacy/find_slot_heads", slotKeys=list(batch))
            heads.update((row["slotKey"], (row["id"], row["version"])) for row in rows)
        return heads

    async def count_projects(self) -> int:
        [row] = await self.store.read("legacy/count_projects")
        return int(row["projects"])

    async def write(self, name: str, rows: Sequence[Any], advance: Any = None) -> None:
        """Run the named batch query over `rows`, one transaction per batch."""
        for batch in batches(rows):
            await self.store.write(name, rows=list(batch))
            if advance is not None:
                advance(len(batch))

    async def write_assets(self, rows: list[dict[str, Any]], slot_keys: set[str]) -> None:
        """One batch of new assets with their edges and current attempts, in one transaction."""

        async def work(tx: Tx) -> None:
            await tx.run("legacy/create_assets", rows=rows)
            await AssetRepository.refresh_current_many(tx, sorted(slot_keys))

        await self.store.in_write_tx(work)

    async def create_assets(self, rows: list[dict[str, Any]]) -> None:
        """Only the assets and their frame and regeneration edges (no current attempts):
        what Neo4j itself must write, the floor `lineage bench-import` measures."""
        await self.store.write("legacy/create_assets", rows=rows)
