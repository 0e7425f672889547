"""Keeping stored orphan state equal to the rules, inside the transaction that changes things.

Every mutation that can change what is current, broken or revised names the
slots and nodes it touched; `refresh_in` re-evaluates those and everything
built from them (and nothing else), stores what changed, and returns which
assets became orphaned or stopped being orphaned.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from lineage.bulk import paused_gc
from lineage.db.store import Row, Store, Tx
from lineage.orphans.facts import (
    asset_facts,
    decode_reasons,
    known_reasons,
    status_row,
    stored_status,
)
from lineage.orphans.rules import (
    KIND_OF,
    NOT_ORPHANED,
    STATE_OF,
    OrphanStatus,
    Reason,
    evaluate_all,
    status_of,
)

FULL_RECOMPUTE_PAGE = 20_000
WRITE_BATCH = 10_000
RESULT_CHUNK = 10_000
COMPUTE_PARTS = 2  # Neo4j runs each query on one thread; two use both cores


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
        after = status_row(row["id"], fresh[row["id"]])
        if after["reasons"] == row["orphanReasons"] and row.get("orphanState") is not None:
            continue  # stored exactly as it would be stored now
        before = stored_status(row["orphanReasons"])
        updates.append(after)
        if after["orphaned"] and not before.orphaned:
            changes.orphaned.append(row["id"])
        elif before.orphaned and not after["orphaned"]:
            changes.restored.append(row["id"])
        elif before.reasons != fresh[row["id"]].reasons:
            changes.changed.append(row["id"])
    return changes, updates


async def affected_rows(tx: Tx, slots: Collection[str], ids: Collection[str]) -> list[Row]:
    [found] = await tx.run("orphans/find_affected", slots=sorted(slots), ids=sorted(ids))
    rows: list[Row] = found["rows"]
    return rows


async def claimed_rows(tx: Tx, slots: list[str], ids: list[str]) -> list[Row]:
    """The affected assets, locked, with their facts. The query finds them, then waits
    for their locks: a consumer committed meanwhile (it locked its inputs, so it waited
    for nobody here) would be missed, so it claims again until nothing new appears."""
    while True:
        [claimed] = await tx.run("orphans/claim_affected", slots=slots, ids=ids)
        rows: list[Row] = claimed["rows"]
        [now] = await tx.run("orphans/list_affected_ids", slots=slots, ids=ids)
        if set(now["ids"]) <= {row["id"] for row in rows}:
            return rows


async def refresh_in(
    tx: Tx, slots: Collection[str] = (), ids: Collection[str] = ()
) -> OrphanChanges:
    """Re-evaluate what the change of `slots` and `ids` (assets or prompts) can affect."""
    rows = await claimed_rows(tx, sorted(slots), sorted(ids))
    with paused_gc():  # thousands of small objects, no cycles: spare the p95 a collection
        changes, updates = differences(rows, evaluate_rows(rows))
    for start in range(0, len(updates), WRITE_BATCH):
        await tx.run("orphans/set_status", rows=updates[start : start + WRITE_BATCH])
    return changes


async def read_all_rows(store: Store, page: int = FULL_RECOMPUTE_PAGE) -> list[Row]:
    """Every asset's facts, read page by page (for checks that re-run the rules in Python)."""
    rows: list[Row] = []
    after = ""
    while True:
        batch = await store.read("orphans/list_all_facts", afterId=after, limit=page)
        rows.extend(batch)
        if len(batch) < page:
            return rows
        after = batch[-1]["id"]


def status_from_candidates(candidates: list[list[Any]]) -> OrphanStatus:
    """The rules' status from compute_reasons' candidate reasons [kind, root, depth, path]."""
    if len(candidates) == 1:  # the common case, without status_of's bookkeeping
        [[kind, root, depth, path]] = candidates
        reason = Reason(KIND_OF[kind], root, depth, tuple(path))
        return OrphanStatus(STATE_OF[reason.kind], (reason,))
    return status_of(
        Reason(KIND_OF[kind], root, depth, tuple(path)) for kind, root, depth, path in candidates
    )


async def compute_all(store: Store) -> dict[str, tuple[OrphanStatus, str | None]]:
    """Every asset the rules orphan, computed by one pass in Cypher (in COMPUTE_PARTS
    run side by side), with its stored reasons (None when its stored `orphaned` flag
    says otherwise)."""
    query = partial(store.read, "orphans/compute_reasons", parts=COMPUTE_PARTS)
    parts = await asyncio.gather(
        *(query(part=part, chunk=RESULT_CHUNK) for part in range(COMPUTE_PARTS))
    )
    candidates: dict[str, list[list[Any]]] = {}
    stored: dict[str, str | None] = {}
    with paused_gc():
        for rows in parts:
            for row in rows:
                for asset_id, reasons, flagged, found in row["chunk"]:
                    candidates.setdefault(asset_id, []).extend(found)
                    stored[asset_id] = reasons if flagged else None
        return {i: (status_from_candidates(c), stored[i]) for i, c in candidates.items()}


async def stored_orphan_ids(store: Store) -> set[str]:
    rows = await store.read("orphans/list_stored_orphans", chunk=RESULT_CHUNK)
    return {asset_id for row in rows for asset_id in row["ids"]}


def stored_differences(
    found: Mapping[str, tuple[OrphanStatus, str | None]],
) -> tuple[OrphanChanges, list[dict[str, Any]]]:
    """What compute_all found that is not stored as it would be stored now."""
    changes = OrphanChanges()
    updates = []
    for asset_id, (status, stored) in found.items():
        row = status_row(asset_id, status)
        if row["reasons"] == stored:
            continue
        updates.append(row)
        if stored is None:
            changes.orphaned.append(asset_id)
        elif decode_reasons(stored) != status.reasons:
            changes.changed.append(asset_id)  # (else only its text was stored differently)
    return changes, updates


async def recompute_all(store: Store) -> OrphanChanges:
    """Recompute every asset's orphan state from scratch and store what differs.

    compute_reasons finds every orphan and its reasons in one pass; any other
    asset stored as orphaned has no reason left and is cleared.
    """
    found = await compute_all(store)
    with paused_gc():
        changes, updates = stored_differences(found)
    for asset_id in sorted(await stored_orphan_ids(store) - found.keys()):
        updates.append(status_row(asset_id, NOT_ORPHANED))
        changes.restored.append(asset_id)
    for start in range(0, len(updates), WRITE_BATCH):
        await store.write("orphans/set_status", rows=updates[start : start + WRITE_BATCH])
    return changes
