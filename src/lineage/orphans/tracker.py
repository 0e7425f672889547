"""Keeping stored orphan state equal to the rules, inside the transaction that changes things.

Every mutation that can change what is current, broken or revised names the
slots and nodes it touched; `refresh_in` re-evaluates those and everything
built from them (and nothing else), stores what changed, and returns which
assets became orphaned or stopped being orphaned.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from lineage.db.store import Row, Store, Tx
from lineage.orphans.facts import (
    asset_facts,
    known_reasons,
    status_row,
    stored_status,
)
from lineage.orphans.rules import NOT_ORPHANED, OrphanStatus, evaluate_all

FULL_RECOMPUTE_PAGE = 20_000
WRITE_BATCH = 10_000


@dataclass(frozen=True)
class OrphanChanges:
    """Assets whose orphan status changed: newly orphaned, no longer orphaned, new reasons."""

    orphaned: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.orphaned) + len(self.restored) + len(self.changed)


def evaluate_rows(
    rows: list[Row], overrides: Mapping[str, Row] | None = None
) -> dict[str, OrphanStatus]:
    """Fresh statuses for the assets in `rows` (inputs outside them keep their stored reasons)."""
    facts = {row["id"]: asset_facts(row, overrides) for row in rows}
    return evaluate_all(facts, known_reasons(rows))


def differences(
    rows: list[Row], fresh: Mapping[str, OrphanStatus]
) -> tuple[OrphanChanges, list[dict[str, Any]]]:
    """What changed against the stored state, and the rows to store for it."""
    changes = OrphanChanges()
    updates = []
    for row in rows:
        before, after = stored_status(row["orphanReasons"]), fresh[row["id"]]
        if before.reasons == after.reasons and row.get("orphanState") is not None:
            continue
        updates.append(status_row(row["id"], after))
        if after.orphaned and not before.orphaned:
            changes.orphaned.append(row["id"])
        elif before.orphaned and not after.orphaned:
            changes.restored.append(row["id"])
        elif before.reasons != after.reasons:
            changes.changed.append(row["id"])
    return changes, updates


async def affected_rows(tx: Tx, slots: Collection[str], ids: Collection[str]) -> list[Row]:
    return await tx.run("orphans/find_affected", slots=sorted(slots), ids=sorted(ids))


async def refresh_in(
    tx: Tx, slots: Collection[str] = (), ids: Collection[str] = ()
) -> OrphanChanges:
    """Re-evaluate what the change of `slots` and `ids` (assets or prompts) can affect."""
    rows = await tx.run("orphans/claim_affected", slots=sorted(slots), ids=sorted(ids))
    changes, updates = differences(rows, evaluate_rows(rows))
    for start in range(0, len(updates), WRITE_BATCH):
        await tx.run("orphans/set_status", rows=updates[start : start + WRITE_BATCH])
    return changes


async def read_all_rows(store: Store, page: int = FULL_RECOMPUTE_PAGE) -> list[Row]:
    """Every asset's facts, read page by page."""
    rows: list[Row] = []
    after = ""
    while True:
        batch = await store.read("orphans/list_all_facts", afterId=after, limit=page)
        rows.extend(batch)
        if len(batch) < page:
            return rows
        after = batch[-1]["id"]


async def recompute_all(store: Store) -> OrphanChanges:
    """Recompute every asset's orphan state from scratch and store what differs.

    Only candidates (list_candidates: a superset of the orphans, found by one
    downstream expansion in Cypher) are evaluated by the rules; every other asset
    has no reason, so one stored as orphaned is simply cleared.
    """
    candidates = [row["id"] for row in await store.read("orphans/list_candidates")]
    rows: list[Row] = []
    for start in range(0, len(candidates), FULL_RECOMPUTE_PAGE):
        batch = candidates[start : start + FULL_RECOMPUTE_PAGE]
        rows += await store.read("orphans/list_facts_of", ids=batch)
    facts = {row["id"]: asset_facts(row) for row in rows}
    changes, updates = differences(rows, evaluate_all(facts, {}))
    stored = {row["id"] for row in await store.read("orphans/list_stored_orphans")}
    for asset_id in sorted(stored - facts.keys()):
        updates.append(status_row(asset_id, NOT_ORPHANED))
        changes.restored.append(asset_id)
    for start in range(0, len(updates), WRITE_BATCH):
        await store.write("orphans/set_status", rows=updates[start : start + WRITE_BATCH])
    return changes
