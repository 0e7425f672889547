"""Assets in Neo4j: reads through the store, writes inside a caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lineage.assets import catalog
from lineage.assets.models import Asset
from lineage.assets.search import SearchHit
from lineage.db.store import Store, Tx
from lineage.models import utc_timestamp
from lineage.paging import Page


class AssetRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def find(self, asset_id: str) -> Asset | None:
        rows = await self.store.read("assets/find_by_id", id=asset_id)
        return Asset.model_validate(rows[0]["asset"]) if rows else None

    @staticmethod
    async def find_in(tx: Tx, asset_id: str) -> Asset | None:
        rows = await tx.run("assets/find_by_id", id=asset_id)
        return Asset.model_validate(rows[0]["asset"]) if rows else None

    @staticmethod
    async def references(tx: Tx, **refs: Any) -> dict[str, Any]:
        [row] = await tx.run("assets/find_generation_references", **refs)
        return row

    @staticmethod
    async def create(tx: Tx, row: dict[str, Any], **edges: Any) -> None:
        await tx.run("assets/create", row=row, at=utc_timestamp(), **edges)

    @staticmethod
    async def set_status(tx: Tx, asset_id: str, status: str, changes: dict[str, Any]) -> None:
        await tx.run("assets/set_status", id=asset_id, status=status, changes=changes)

    @staticmethod
    async def refresh_current(tx: Tx, slot_key: str) -> list[str]:
        """Recompute the slot's current attempt; the ids whose `isCurrent` flipped."""
        [row] = await tx.run("slots/refresh_current", slotKey=slot_key)
        flipped: list[str] = row["flippedIds"]
        return flipped

    async def list_page(
        self, page: Page, nested: Sequence[str] = (), **filters: Any
    ) -> tuple[list[SearchHit], int | None]:
        """One page of the catalog, and how many assets match in all when the page's
        statement counted them (by words or in a slot; else `count` does). A page
        anchored on an index reads the `nested` fields of its assets in the same
        statement (`catalog.NESTED_FRAGMENTS`); a page by words or in a slot does not."""
        if not catalog.found_by_index(filters):
            [row] = await self.store.read(catalog.BY_WORDS_OR_SLOT, **page.params(), **filters)
            return [SearchHit.of(hit) for hit in row["assets"]], row["totalCount"]
        rows = (
            await self._keyed(page, filters, nested)
            if page.after_key is not None or not page.after_id
            else []
        )
        if len(rows) <= page.size and filters["orderBy"] in catalog.NULLABLE_ORDERS:
            in_tail = page.after_id if page.after_key is None else None
            [tail] = await self.store.read(
                catalog.tail_page(filters, nested),
                **filters,
                afterId=in_tail,
                limit=page.size + 1 - len(rows),
            )
            rows += tail["assets"]
        return [SearchHit.of(hit) for hit in rows], None

    async def _keyed(
        self, page: Page, filters: dict[str, Any], nested: Sequence[str]
    ) -> list[dict[str, Any]]:
        """The page's assets that have the order's key, from the cursor on."""
        start = catalog.start_of(filters, page.after_key, page.after_id)
        [row] = await self.store.read(
            catalog.anchored_page(filters, nested), **filters, **start, limit=page.size + 1
        )
        found: list[dict[str, Any]] = row["assets"]
        return found

    async def count(self, **filters: Any) -> int:
        """How many assets pass the filters of a page anchored on an index (a page
        found by words or in a slot counts its matches itself: `list_page`)."""
        [row] = await self.store.read(catalog.counting(filters), **filters)
        return int(row["total"])
