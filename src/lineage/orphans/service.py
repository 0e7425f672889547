"""Orphans as Story Builder asks for them: pages, groups, pins, and impact dry runs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from lineage.assets.models import Asset
from lineage.assets.repository import AssetRepository
from lineage.assets.service import AssetChange
from lineage.db.store import Row, Store, Tx
from lineage.errors import InvalidInputError, NotFoundError
from lineage.models import utc_timestamp
from lineage.money import to_micros
from lineage.orphans.facts import asset_facts
from lineage.orphans.rules import NOT_ORPHANED, OrphanStatus, evaluate_all
from lineage.orphans.tracker import affected_rows, reasons_of, refresh_in
from lineage.paging import Page
from lineage.projects.readonly import check_writable


class ImpactAction(StrEnum):
    REGENERATE = "regenerate"
    ARCHIVE = "archive"
    REVERT = "revert"


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


def simulated(action: ImpactAction, asset: Asset, rows: list[Row]) -> dict[str, dict[str, Any]]:
    """What the action would change in the asset's slot (id -> changed fields)."""
    attempts = [r for r in rows if r["slotKey"] == asset.slot_key]
    if action is ImpactAction.REGENERATE:
        return {r["id"]: {"isCurrent": False} for r in attempts}
    if action is ImpactAction.REVERT:
        return {r["id"]: {"isCurrent": r["id"] == asset.id} for r in attempts}
    overrides: dict[str, dict[str, Any]] = {asset.id: {"status": "archived", "isCurrent": False}}
    if asset.is_current:
        others = [r for r in attempts if r["id"] != asset.id and r["status"] == "ready"]
        if others:
            successor = max(others, key=lambda r: (r["currentSince"] or "", r["version"]))
            overrides[successor["id"]] = {"isCurrent": True}
    return overrides


def depth_from(status: OrphanStatus, roots: set[str]) -> int:
    """Depth of the closest reason rooted in `roots` (any reason's, failing that)."""
    rooted = [r.depth for r in status.reasons if r.root_cause in roots]
    return min(rooted or [r.depth for r in status.reasons])


def newly_caused(before: OrphanStatus, after: OrphanStatus) -> bool:
    return bool(set(after.reasons) - set(before.reasons))


class OrphanService:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def pin(self, asset_id: str, input_id: str, pinned: bool) -> AssetChange:
        """Accept (or stop accepting) an older or broken input on purpose."""

        async def work(tx: Tx) -> AssetChange:
            asset = await _asset_in(tx, asset_id)
            await check_writable(tx, asset.project_code)
            rows = await tx.run(
                "orphans/set_pin",
                assetId=asset_id,
                inputId=input_id,
                pinned=pinned,
                at=utc_timestamp(),
            )
            if not rows:
                raise InvalidInputError(f"asset {asset_id!r} was not built from {input_id!r}")
            changes = await refresh_in(tx, ids=[asset.id])
            return AssetChange(await _asset_in(tx, asset_id), changes)

        return await self.store.in_write_tx(work)

    async def impact(self, asset_id: str, action: ImpactAction) -> Impact:
        """A dry run: what `action` on the asset would orphan or free. Writes nothing."""

        async def work(tx: Tx) -> Impact:
            asset = await _asset_in(tx, asset_id)
            rows = await affected_rows(tx, slot_keys=[asset.slot_key], ids=())
            before = await reasons_of(tx.run, orphaned_around(rows))
            overrides = simulated(action, asset, rows)
            facts = {row["id"]: asset_facts(row, overrides) for row in rows}
            fresh = evaluate_all(facts, {i: status.reasons for i, status in before.items()})
            orphaned, restored = _impact(rows, before, fresh, set(overrides))
            found = await tx.run("assets/find_many", ids=[i["id"] for i in orphaned])
            assets = {r["id"]: Asset.model_validate(r["asset"]) for r in found}
            return Impact(
                asset,
                action,
                [Impacted(asset=assets[i.pop("id")], **i) for i in orphaned],
                restored,
            )

        return await self.store.in_read_tx(work)

    async def page(self, project_code: str, root_cause: str | None, asked: Page) -> OrphanPage:
        """Up to `asked.size + 1` orphans after the cursor (the extra one means 'more')."""
        name = "orphans/list_page" if asked.after_id is None else "orphans/list_page_after"
        [row] = await self.store.read(
            name, projectCode=project_code, rootCause=root_cause, **asked.params()
        )
        total: int = row["orphanCount"]
        if root_cause is not None:
            [counted] = await self.store.read(
                "orphans/count_of_root_cause", projectCode=project_code, rootCause=root_cause
            )
            total = counted["totalCount"]
        return OrphanPage([Asset.model_validate(a) for a in row["assets"]], total)

    async def cost_micros(self, project_code: str, root_cause: str | None) -> int:
        [row] = await self.store.read(
            "orphans/sum_orphan_cost", projectCode=project_code, rootCause=root_cause
        )
        return int(row["estimatedCostMicros"])

    async def by_root_cause(self, project_code: str) -> list[RootCauseGroup]:
        rows = await self.store.read("orphans/summarize_by_root_cause", projectCode=project_code)
        return [RootCauseGroup(r["rootCause"], r["count"], r["estimatedCostMicros"]) for r in rows]


def orphaned_around(rows: list[Row]) -> set[str]:
    """The orphaned among the rows and among the inputs they were built from."""
    inputs = (edge for row in rows for edge in row["inputs"] if edge[-1])
    return {row["id"] for row in rows if row["orphaned"]} | {edge[0] for edge in inputs}


def _impact(
    rows: list[Row],
    now: dict[str, OrphanStatus],
    fresh: dict[str, OrphanStatus],
    changed: set[str],
) -> tuple[list[dict[str, Any]], list[str]]:
    """(what the change would orphan, as Impacted fields plus id; what it would free)."""
    orphaned, restored = [], []
    for row in rows:
        before, after = now.get(row["id"], NOT_ORPHANED), fresh[row["id"]]
        if after.orphaned and newly_caused(before, after):
            orphaned.append(
                {
                    "id": row["id"],
                    "depth": depth_from(after, changed),
                    "status": after,
                    "already_orphaned": before.orphaned,
                    "estimated_cost_micros": to_micros(row["estimatedCost"]),
                }
            )
        elif before.orphaned and not after.orphaned:
            restored.append(row["id"])
    orphaned.sort(key=lambda i: (i["depth"], i["id"]))
    return orphaned, restored


async def _asset_in(tx: Tx, asset_id: str) -> Asset:
    asset = await AssetRepository.find_in(tx, asset_id)
    if asset is None:
        raise NotFoundError(f"no asset with id {asset_id!r}")
    return asset
