"""Orphans as Story Builder asks for them: pages, groups, pins, and impact dry runs."""

from __future__ import annotations

from dataclasses import dataclass

from lineage.assets.models import Asset
from lineage.assets.repository import AssetRepository
from lineage.db.store import Store, Tx
from lineage.errors import InvalidInputError
from lineage.models import utc_timestamp
from lineage.orphans.facts import asset_facts
from lineage.orphans.impact import ImpactAction, impact_of, orphaned_around, simulated
from lineage.orphans.models import AssetChange
from lineage.orphans.refresh import refresh_in
from lineage.orphans.repository import OrphanRepository
from lineage.orphans.rules import OrphanStatus, evaluate_all
from lineage.paging import Page
from lineage.projects.readonly import check_writable


@dataclass(frozen=True)
class Impacted:
    """An asset a dry run would orphan (or free), at its depth from the changed asset."""

    asset: Asset
    depth: int
    status: OrphanStatus
    already_orphaned: bool
    estimated_cost_micros: int


@dataclass(frozen=True)
class Impact:
    asset: Asset
    action: ImpactAction
    orphaned: list[Impacted]
    restored: list[str]

    @property
    def estimated_cost_micros(self) -> int:
        return sum(i.estimated_cost_micros for i in self.orphaned)


ORPHANS_ORDER = "orphans:createdAt:desc"  # what a cursor of a project's orphans is made for


@dataclass(frozen=True)
class OrphanPage:
    """A page of a project's orphans, newest first, and how many there are in all."""

    assets: list[Asset]
    total_count: int


@dataclass(frozen=True)
class RootCauseGroup:
    root_cause: str
    count: int
    estimated_cost_micros: int


class OrphanService:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.reads = OrphanRepository.reading(store)

    async def pin(self, asset_id: str, input_id: str, pinned: bool) -> AssetChange:
        """Accept (or stop accepting) an older or broken input on purpose."""

        async def work(tx: Tx) -> AssetChange:
            asset = await AssetRepository.get_in(tx, asset_id)
            await check_writable(tx, asset.project_code)
            orphans = OrphanRepository.in_tx(tx)
            if not await orphans.set_pin(asset_id, input_id, pinned, utc_timestamp()):
                raise InvalidInputError(f"asset {asset_id!r} was not built from {input_id!r}")
            changes = await refresh_in(tx, ids=[asset.id])
            return AssetChange(await AssetRepository.get_in(tx, asset_id), changes)

        return await self.store.in_write_tx(work)

    async def impact(self, asset_id: str, action: ImpactAction) -> Impact:
        """A dry run: what `action` on the asset would orphan or free. Writes nothing."""

        async def work(tx: Tx) -> Impact:
            asset = await AssetRepository.get_in(tx, asset_id)
            orphans = OrphanRepository.in_tx(tx)
            rows = await orphans.find_affected([asset.slot_key])
            before = await orphans.reasons_of(orphaned_around(rows))
            overrides = simulated(action, asset, rows)
            facts = {row.id: asset_facts(row, overrides) for row in rows}
            fresh = evaluate_all(facts, {i: status.reasons for i, status in before.items()})
            orphaned, restored = impact_of(rows, before, fresh, set(overrides))
            assets = await AssetRepository.find_many_in(tx, [i["id"] for i in orphaned])
            return Impact(
                asset,
                action,
                [Impacted(asset=assets[i.pop("id")], **i) for i in orphaned],
                restored,
            )

        return await self.store.in_read_tx(work)

    async def page(self, project_code: str, root_cause: str | None, asked: Page) -> OrphanPage:
        """Up to `asked.size + 1` orphans after the cursor (the extra one means 'more')."""
        assets, total = await self.reads.list_page(project_code, root_cause, asked)
        if root_cause is not None:
            total = await self.reads.count_of_root_cause(project_code, root_cause)
        return OrphanPage(assets, total)

    async def cost_micros(self, project_code: str, root_cause: str | None) -> int:
        return await self.reads.sum_orphan_cost(project_code, root_cause)

    async def by_root_cause(self, project_code: str) -> list[RootCauseGroup]:
        groups = await self.reads.summarize_by_root_cause(project_code)
        return [RootCauseGroup(*group) for group in groups]
