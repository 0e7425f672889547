"""The catalog's reads: one asset, a page of the catalog, its count, a project's costs.
Recording generations and changing their status is `lineage.generations`."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from lineage.assets.models import Asset, CatalogQuery, CostGroup, SearchHit
from lineage.assets.repository import AssetRepository
from lineage.assets.slots import project_namespace, slot_key
from lineage.db.store import Row, Store
from lineage.errors import InvalidInputError, NotFoundError
from lineage.paging import Page


def catalog_slot_key(query: CatalogQuery) -> str | None:
    """The key of the one slot a catalog query asks for (a slot is named in its project)."""
    if query.slot is None:
        return None
    if not query.slot.strip():
        raise InvalidInputError("filter.slot is blank: name a slot, e.g. shot-001")
    if query.project_code is None:
        raise InvalidInputError(
            "filter.slot needs filter.projectCode: a slot name is unique only in its project"
        )
    return slot_key(project_namespace(query.project_code), query.slot.strip())


class AssetService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.repository = AssetRepository(store)

    async def get(self, asset_id: str) -> Asset:
        asset = await self.repository.find(asset_id)
        if asset is None:
            raise NotFoundError(f"no asset with id {asset_id!r}")
        return asset

    async def list_page(
        self, asked: Page, query: CatalogQuery, nested: Sequence[str] = (), total: bool = False
    ) -> tuple[list[SearchHit], int | None]:
        """Up to `asked.size + 1` assets after the cursor, and how many match in all
        when the page's statement counted them or, with `total`, when `count`'s statement
        counted them at the same time as the page's (two statements at once, in the
        time of the longer; else `count` does, when asked); with the `nested` fields
        (`lineage.assets.page_plan`) of each read along."""
        slot_key = catalog_slot_key(query)
        if not total or self.repository.counts_with_page(query, slot_key):
            return await self.repository.list_page(asked, query, slot_key, nested)
        (hits, _), counted = await asyncio.gather(
            self.repository.list_page(asked, query, slot_key, nested),
            self.repository.count(query, slot_key),
        )
        return hits, counted

    async def list_page_rows(
        self,
        asked: Page,
        query: CatalogQuery,
        nested: Sequence[str],
        shown: dict[str, list[str]],
        total: bool = False,
    ) -> tuple[list[Row], int | None]:
        """`list_page` as the statement's rows, the nodes with the properties `shown`
        names (for `lineage.assets.compiled`); the total as `list_page` counts it."""
        slot_key = catalog_slot_key(query)
        read = self.repository.list_page_rows(asked, query, slot_key, nested, shown)
        if not total or self.repository.counts_with_page(query, slot_key):
            return await read
        (rows, _), counted = await asyncio.gather(read, self.repository.count(query, slot_key))
        return rows, counted

    async def count(self, query: CatalogQuery) -> int:
        return await self.repository.count(query, catalog_slot_key(query))

    async def summarize_costs(self, project_code: str, group_by: str) -> list[CostGroup]:
        return await self.repository.summarize_costs(project_code, group_by)
