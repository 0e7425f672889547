"""Keeping stored orphan state equal to the rules, inside the transaction that changes things.

The graph stores, per asset, whether it is orphaned and its root causes; each
project stores how many of its assets are orphaned. Every mutation that can
change what is current, broken or revised names the slots and nodes it touched;
`refresh_in` re-evaluates those and everything built from them (and nothing
else), stores what changed, and returns which assets became orphaned or stopped
being orphaned. The reasons (kind, path, depth) are derived when read
(`reasons_of`), from the graph as it is.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from lineage.bulk import paused_gc
from lineage.db.store import Row, Store, Tx
from lineage.orphans.facts import roots_row
from lineage.orphans.rules import (
    KIND_OF,
    InputFacts,
    OrphanStatus,
    Reason,
    propagate_roots,
    status_of,
)

WRITE_BATCH = 10_000
RESULT_CHUNK = 10_000
COMPUTE_PARTS = 2  # Neo4j runs each query on one thread; two use both cores
SHORT_WAY_CONSUMERS = 16
FULL_RECOMPUTE_PAGE = 20_000
Run = Callable[..., Awaitable[list[Row]]]


@dataclass(frozen=True)
class OrphanChanges:
    """Assets whose orphan status changed: newly orphaned, no longer orphaned, and
    orphaned still but with other root causes."""

    orphaned: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.orphaned) + len(self.restored) + len(self.changed)


@dataclass
class StateUpdate:
    """What to store after an evaluation: the changed assets' rows, the count moves."""

    changes: OrphanChanges = field(default_factory=OrphanChanges)
    rows: list[dict[str, Any]] = field(default_factory=list)
    deltas: Counter[str] = field(default_factory=Counter)

    def note(self, stored: Stored, after: frozenset[str]) -> None:
        """Record one asset whose `stored` state must become `after`."""
        self.rows.append(roots_row(stored.id, after))
        asset_id, was, project = stored.id, stored.orphaned, stored.project
        if after and not was:
            self.changes.orphaned.append(asset_id)
            self._move(project, 1)
        elif was and not after:
            self.changes.restored.append(asset_id)
            self._move(project, -1)
        else:
            self.changes.changed.append(asset_id)

    def _move(self, project: str | None, delta: int) -> None:
        if project is not None:
            self.deltas[project] += delta

    async def store(self, run: Run) -> None:
        """Write it all, the counts with the first batch (nothing when nothing changed)."""
        deltas = [{"projectCode": p, "delta": d} for p, d in sorted(self.deltas.items()) if d]
        for start in range(0, len(self.rows), WRITE_BATCH):
            rows = self.rows[start : start + WRITE_BATCH]
            await run("orphans/set_status", rows=rows, deltas=deltas if start == 0 else [])


class Stored(NamedTuple):
    """An asset's orphan state as its node stores it."""

    id: str
    project: str | None
    orphaned: bool
    roots: tuple[str, ...]

    def differs(self, roots: frozenset[str]) -> bool:
        return self.orphaned != bool(roots) or frozenset(self.roots) != roots


def differences(stored: list[Stored], fresh: Mapping[str, frozenset[str]]) -> StateUpdate:
    """What changed against the stored state, and what to store for it."""
    update = StateUpdate()
    for asset in stored:
        if asset.differs(fresh[asset.id]):
            update.note(asset, fresh[asset.id])
    return update


async def affected_rows(tx: Tx, slot_keys: Collection[str], ids: Collection[str]) -> list[Row]:
    [found] = await tx.run("orphans/find_affected", slotKeys=sorted(slot_keys), ids=sorted(ids))
    rows: list[Row] = found["rows"]
    return rows


async def claimed_rows(tx: Tx, slot_keys: list[str], ids: list[str]) -> list[list[Any]]:
    """The affected assets, locked, each with what propagating root causes needs.
    The query finds them, then waits for their locks: a consumer committed meanwhile
    (it locked its inputs, so it waited for nobody here) would be missed, so it
    claims again until none was."""
    while True:
        [claimed] = await tx.run("orphans/claim_affected", slotKeys=slot_keys, ids=ids)
        if claimed["complete"]:
            rows: list[list[Any]] = claimed["rows"]
            return rows


async def refresh_in(
    tx: Tx, slot_keys: Collection[str] = (), ids: Collection[str] = ()
) -> OrphanChanges:
    """Re-evaluate what the change of `slot_keys` and `ids` (assets or prompts) can affect:
    the short way when the change only makes one asset start or stop being a root
    cause (a shot regenerated, or reverted to), else every affected asset."""
    if not slot_keys:
        moved = await moved_root(tx, sorted(set(ids)))
        if moved is not None:
            return moved
    return await reevaluated(tx, sorted(slot_keys), sorted(ids))


async def root_move(tx: Tx, seed: Row) -> bool | None:
    """Whether this changed asset now starts (True) or stops (False) being a root
    cause and nothing else, or None when its change may do more. Nothing may have
    been inherited through it (no stored root causes); starting: it is no longer
    live and is itself a cause (superseded, failed, archived); stopping: it is live,
    its file is there, and nothing it was built from orphans it."""
    if not seed["isAsset"] or seed["rootCauses"]:
        return None
    facts = InputFacts(seed["id"], False, seed["status"], seed["isCurrent"])
    if not facts.is_live_asset:
        return True if facts.direct_kind() is not None else None
    if seed["fileMissing"] or await reasons_of(tx.run, [seed["id"]]):
        return None
    return False


async def moved_root(tx: Tx, ids: list[str]) -> OrphanChanges | None:
    """The short way, when exactly one of the changed `ids` has consumers, at least
    SHORT_WAY_CONSUMERS of them (below that the long way takes fewer statements),
    and only starts or stops being a root cause (the others are re-evaluated the
    long way)."""
    seeds = await tx.run("orphans/list_seed_facts", ids=ids)
    used = [seed for seed in seeds if seed["consumers"]]
    if len(used) != 1 or len(seeds) != len(ids) or used[0]["consumers"] < SHORT_WAY_CONSUMERS:
        return None
    [seed] = used
    add = await root_move(tx, seed)
    if add is None:
        return None
    others = [i for i in ids if i != seed["id"]]
    changes = await reevaluated(tx, [], others) if others else OrphanChanges()
    while True:
        [moved] = await tx.run("orphans/move_root", root=seed["id"], add=add, exclude=others)
        if moved["complete"]:
            return OrphanChanges(
                changes.orphaned + moved["orphaned"],
                changes.restored + moved["restored"],
                changes.changed + moved["changed"],
            )


async def reevaluated(tx: Tx, slot_keys: list[str], ids: list[str]) -> OrphanChanges:
    """The long way: claim every affected asset and propagate root causes afresh."""
    rows = await claimed_rows(tx, slot_keys, ids)
    with paused_gc():  # thousands of small objects, no cycles: spare the p95 a collection
        stored = [
            Stored(i, project, flag, tuple(roots or ())) for i, project, flag, roots, _, _ in rows
        ]
        fresh = propagate_roots({r[0]: r[4] for r in rows}, {r[0]: r[5] for r in rows})
        update = differences(stored, fresh)
    await update.store(tx.run)
    return update.changes


def status_from_candidates(candidates: Iterable[list[Any]]) -> OrphanStatus:
    """The rules' status from explain_reasons' candidate reasons [kind, root, depth, path]."""
    return status_of(
        Reason(KIND_OF[kind], root, depth, tuple(path)) for kind, root, depth, path in candidates
    )


async def reasons_of(run: Run, ids: Collection[str]) -> dict[str, OrphanStatus]:
    """Why each of `ids` is orphaned, derived from the graph as it is now (assets
    with no reason are left out). `run` is a transaction's or the store's."""
    if not ids:
        return {}
    rows = await run("orphans/explain_reasons", ids=sorted(ids))
    return {row["id"]: status_from_candidates(row["candidates"]) for row in rows}


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


@dataclass(frozen=True)
class Computed:
    """One orphan found by compute_all, with what its node stores."""

    roots: frozenset[str]
    stored: Stored


async def compute_all(store: Store) -> dict[str, Computed]:
    """Every asset the rules orphan, computed by one pass in Cypher (in COMPUTE_PARTS
    run side by side), with what it stores."""
    query = partial(store.read, "orphans/compute_roots", parts=COMPUTE_PARTS)
    parts = await asyncio.gather(
        *(query(part=part, chunk=RESULT_CHUNK) for part in range(COMPUTE_PARTS))
    )
    roots: dict[str, set[str]] = {}
    found: dict[str, Stored] = {}
    with paused_gc():
        for rows in parts:
            for row in rows:
                for asset_id, project, flagged, stored, causes in row["chunk"]:
                    roots.setdefault(asset_id, set()).update(causes)
                    found[asset_id] = Stored(asset_id, project, flagged, tuple(stored or ()))
        return {i: Computed(frozenset(roots[i]), found[i]) for i in roots}


async def stored_orphans(store: Store) -> dict[str, Stored]:
    """Every asset stored as orphaned."""
    rows = await store.read("orphans/list_stored_orphans", chunk=RESULT_CHUNK)
    return {
        asset_id: Stored(asset_id, project, True, ())
        for row in rows
        for asset_id, project in row["orphans"]
    }


async def recompute_all(store: Store) -> OrphanChanges:
    """Recompute every asset's orphan state and every project's count from scratch,
    and store what differs.

    compute_roots finds every orphan and its root causes in one pass; any other
    asset stored as orphaned has no root cause left and is cleared. Neo4j resamples
    its indexes first (its cost is in the README's design notes): this runs after
    bulk changes, and index samples taken before them (of an empty graph, say) have
    the planner choose a plan for compute_roots that scans every asset per root
    cause and never ends.
    """
    await store.write("admin/prepare_for_replanning")
    found = await compute_all(store)
    update = StateUpdate()
    with paused_gc():
        for c in found.values():
            if c.stored.differs(c.roots):
                update.note(c.stored, c.roots)
    for asset_id, stored in sorted((await stored_orphans(store)).items()):
        if asset_id not in found:
            update.note(stored, frozenset())
    update.deltas.clear()  # the counts are recounted whole instead
    await update.store(store.write)
    counts = Counter(c.stored.project for c in found.values() if c.stored.project is not None)
    await store.write("orphans/set_counts", counts=dict(counts))
    return update.changes
