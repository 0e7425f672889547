"""Whole-graph invariants, checked from scratch: what `lineage check` and the fault tests use.

- every slot's versions are exactly 1..n, each attempt after the first
  regenerates one older attempt of its slot, and exactly one attempt is
  current whenever one is ready;
- every asset's stored orphan state equals a full recomputation.
"""

from __future__ import annotations

from lineage.db.store import Store
from lineage.orphans.facts import asset_facts, decode_reasons
from lineage.orphans.rules import evaluate_all
from lineage.orphans.tracker import read_all_rows

MAX_LISTED = 20


async def slot_problems(store: Store) -> list[str]:
    rows = await store.read("integrity/find_slot_anomalies")
    return [
        f"slot {r['slot']!r}: versions {r['versions']}, unlinked {r['unlinked']}, "
        f"{r['currentCount']} current of {r['readyCount']} ready"
        for r in rows
    ]


async def orphan_problems(store: Store) -> list[str]:
    rows = await read_all_rows(store)
    fresh = evaluate_all({row["id"]: asset_facts(row) for row in rows}, {})
    wrong = [
        row["id"]
        for row in rows
        if decode_reasons(row["orphanReasons"]) != fresh[row["id"]].reasons
        or row["orphaned"] != fresh[row["id"]].orphaned
    ]
    listed = ", ".join(wrong[:MAX_LISTED]) + (" ..." if len(wrong) > MAX_LISTED else "")
    return [f"{len(wrong)} asset(s) with a stale orphan state: {listed}"] if wrong else []


async def check_integrity(store: Store) -> list[str]:
    """Every broken invariant, one line each (empty when the graph is sound)."""
    return [*await slot_problems(store), *await orphan_problems(store)]
