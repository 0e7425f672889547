"""A dry run's arithmetic, pure: what an action would change in the asset's slot, and
what the rules then say about each affected asset, before and after."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from lineage.assets.models import Asset
from lineage.money import to_micros
from lineage.orphans.models import AffectedAsset
from lineage.orphans.rules import NOT_ORPHANED, OrphanStatus


class ImpactAction(StrEnum):
    REGENERATE = "regenerate"
    ARCHIVE = "archive"
    REVERT = "revert"


def simulated(
    action: ImpactAction, asset: Asset, rows: list[AffectedAsset]
) -> dict[str, dict[str, Any]]:
    """What the action would change in the asset's slot (id -> changed fields)."""
    attempts = [r for r in rows if r.slot_key == asset.slot_key]
    if action is ImpactAction.REGENERATE:
        return {r.id: {"isCurrent": False} for r in attempts}
    if action is ImpactAction.REVERT:
        return {r.id: {"isCurrent": r.id == asset.id} for r in attempts}
    overrides: dict[str, dict[str, Any]] = {asset.id: {"status": "archived", "isCurrent": False}}
    if asset.is_current:
        others = [r for r in attempts if r.id != asset.id and r.status == "ready"]
        if others:
            successor = max(others, key=lambda r: (r.current_since or "", r.version or 0))
            overrides[successor.id] = {"isCurrent": True}
    return overrides


def depth_from(status: OrphanStatus, roots: set[str]) -> int:
    """Depth of the closest reason rooted in `roots` (any reason's, failing that)."""
    rooted = [r.depth for r in status.reasons if r.root_cause in roots]
    return min(rooted or [r.depth for r in status.reasons])


def newly_caused(before: OrphanStatus, after: OrphanStatus) -> bool:
    return bool(set(after.reasons) - set(before.reasons))


def orphaned_around(rows: list[AffectedAsset]) -> set[str]:
    """The orphaned among the rows and among the inputs they were built from."""
    inputs = (edge for row in rows for edge in row.inputs if edge[-1])
    return {row.id for row in rows if row.orphaned} | {edge[0] for edge in inputs}


def impact_of(
    rows: list[AffectedAsset],
    now: dict[str, OrphanStatus],
    fresh: dict[str, OrphanStatus],
    changed: set[str],
) -> tuple[list[dict[str, Any]], list[str]]:
    """(what the change would orphan, as Impacted fields plus id; what it would free)."""
    orphaned, restored = [], []
    for row in rows:
        before, after = now.get(row.id, NOT_ORPHANED), fresh[row.id]
        if after.orphaned and newly_caused(before, after):
            orphaned.append(
                {
                    "id": row.id,
                    "depth": depth_from(after, changed),
                    "status": after,
                    "already_orphaned": before.orphaned,
                    "estimated_cost_micros": to_micros(row.estimated_cost),
                }
            )
        elif before.orphaned and not after.orphaned:
            restored.append(row.id)
    orphaned.sort(key=lambda i: (i["depth"], i["id"]))
    return orphaned, restored
