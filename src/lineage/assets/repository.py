"""Assets in Neo4j: reads through the store, writes inside a caller's transaction."""

from __future__ import annotations

from typing import Any

from lineage.assets import catalog
from lineage.assets.models import Asset
from lineage.assets.search import SearchHit
from lineage.db.cypher import Ending, composed
from lineage.db.store import Row, Store, Tx
from lineage.errors import NotFoundError
from lineage.models import utc_timestamp
from lineage.paging import Page

CREATE_ATTEMPT = "assets/changes/create_attempt"
SET_STATUS = "assets/changes/set_status"
REFRESH_CURRENT = "assets/changes/refresh_current"
CHANGED_IDS = Ending("assets/changes/return_changed", {})


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
    async def get_in(tx: Tx, asset_id: str) -> Asset:
        """The asset, read in `tx`; NotFoundError when there is none."""
        asset = await AssetRepository.find_in(tx, asset_id)
        if asset is None:
            raise NotFoundError(f"no asset with id {asset_id!r}")
        return asset

    @staticmethod
    async def find_many_in(tx: Tx, ids: list[str]) -> dict[str, Asset]:
        """The assets of `ids` found, by id, read in `tx`."""
        rows = await tx.run("assets/find_many", ids=ids)
        return {row["id"]: Asset.model_validate(row["asset"]) for row in rows}

    @staticmethod
    async def references(tx: Tx, **refs: Any) -> dict[str, Any]:
        [row] = await tx.run("assets/find_generation_references", **refs)
        return row

    @staticmethod
    async def find_for_change(tx: Tx, asset_id: str) -> tuple[Asset, bool]:
        """The asset before a status change, and whether its project is archived
        (NotFoundError when there is no such asset)."""
        rows = await tx.run("assets/find_for_change", id=asset_id)
        if not rows:
            raise NotFoundError(f"no asset with id {asset_id!r}")
        return Asset.model_validate(rows[0]["asset"]), bool(rows[0]["projectArchived"])

    @staticmethod
    async def create(
        tx: Tx, row: dict[str, Any], ending: Ending = CHANGED_IDS, **edges: Any
    ) -> Row:
        """Create an attempt with its edges and recompute its slot's current attempt,
        in one statement that `ending` ends (by default: the changed ids)."""
        name = composed(CREATE_ATTEMPT, REFRESH_CURRENT, ending.name)
        [result] = await tx.run(name, row=row, at=utc_timestamp(), **edges, **ending.params)
        return result

    @staticmethod
    async def change_status(
        tx: Tx, asset_id: str, status: str, changes: dict[str, Any], ending: Ending
    ) -> Row:
        """Set an attempt's status (and `changes`) and recompute its slot's current
        attempt, in one statement that `ending` ends."""
        name = composed(SET_STATUS, REFRESH_CURRENT, ending.name)
        params = {"id": asset_id, "status": status, "changes": changes, **ending.params}
        [result] = await tx.run(name, **params)
        return result

    async def list_page(self, page: Page, **filters: Any) -> tuple[list[SearchHit], int | None]:
        """One page of the catalog, and how many assets match in all when the page's
        statement counted them (by words or in a slot; else `count` does)."""
        if not catalog.found_by_index(filters):
            [row] = await self.store.read(catalog.BY_WORDS_OR_SLOT, **page.params(), **filters)
            return [SearchHit.of(hit) for hit in row["assets"]], row["totalCount"]
        rows = (
            await self._keyed(page, filters)
            if page.after_key is not None or not page.after_id
            else []
        )
        if len(rows) <= page.size and filters["orderBy"] in catalog.NULLABLE_ORDERS:
            in_tail = page.after_id if page.after_key is None else None
            [tail] = await self.store.read(
                catalog.tail_page(filters),
                **filters,
                afterId=in_tail,
                limit=page.size + 1 - len(rows),
            )
            rows += tail["assets"]
        return [SearchHit.of(hit) for hit in rows], None

    async def _keyed(self, page: Page, filters: dict[str, Any]) -> list[dict[str, Any]]:
        """The page's assets that have the order's key, from the cursor on."""
        start = catalog.start_of(filters, page.after_key, page.after_id)
        [row] = await self.store.read(
            catalog.anchored_page(filters), **filters, **start, limit=page.size + 1
        )
        found: list[dict[str, Any]] = row["assets"]
        return found

    async def count(self, **filters: Any) -> int:
        """How many assets pass the filters of a page anchored on an index (a page
        found by words or in a slot counts its matches itself: `list_page`)."""
        [row] = await self.store.read(catalog.counting(filters), **filters)
        return int(row["total"])
