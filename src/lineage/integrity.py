"""Whole-graph invariants, checked from scratch: what `lineage check` and the fault tests use.

- every slot's versions are exactly 1..n, each attempt after the first
  regenerates one older attempt of its slot, and exactly one attempt is
  current whenever one is ready; every attempt's slot is in its project's
  namespace and no REGENERATES edge leaves its slot (so none crosses projects);
- every asset's stored orphan state (orphaned, root causes) equals a full
  recomputation by the rules in Python, and so do the reasons derived when read;
- every project's maintained orphan count equals its orphaned assets.
"""

from __future__ import annotations

from collections import Counter

from lineage.db.store import Store
from lineage.orphans.facts import asset_facts
from lineage.orphans.models import AffectedAsset
from lineage.orphans.repository import OrphanRepository
from lineage.orphans.rules import evaluate_all
from lineage.projects.repository import ProjectRepository

MAX_LISTED = 20


async def slot_problems(store: Store) -> list[str]:
    rows = await store.read("integrity/find_slot_anomalies")
    return [
        f"slot {r['slotKey']!r}: versions {r['versions']}, unlinked {r['unlinked']}, "
        f"{r['currentCount']} current of {r['readyCount']} ready"
        + (f", outside their project: {r['misplaced']}" if r["misplaced"] else "")
        for r in rows
    ]


def listed(what: str, ids: list[str]) -> list[str]:
    shown = ", ".join(ids[:MAX_LISTED]) + (" ..." if len(ids) > MAX_LISTED else "")
    return [f"{len(ids)} {what}: {shown}"] if ids else []


async def orphan_problems(store: Store) -> list[str]:
    reads = OrphanRepository.reading(store)
    rows = await reads.list_all_facts()
    fresh = evaluate_all({row.id: asset_facts(row) for row in rows}, {})
    stale = [
        row.id
        for row in rows
        if row.orphaned != fresh[row.id].orphaned
        or sorted(row.root_causes or ()) != fresh[row.id].root_causes
    ]
    orphans = sorted(i for i, status in fresh.items() if status.orphaned)
    derived = await reads.reasons_of(orphans)
    unexplained = [i for i in orphans if derived.get(i) != fresh[i]]
    return [
        *listed("asset(s) with a stale orphan state", stale),
        *listed("orphan(s) whose derived reasons differ from the rules'", unexplained),
        *await count_problems(store, rows),
    ]


async def count_problems(store: Store, rows: list[AffectedAsset]) -> list[str]:
    counted = Counter(r.project_code for r in rows if r.orphaned and r.project_code)
    stored = await ProjectRepository(store).list_orphan_counts()
    return [
        f"project {code!r}: orphanCount {count}, {counted[code]} orphaned"
        for code, count in stored.items()
        if count != counted[code]
    ]


async def check_integrity(store: Store) -> list[str]:
    """Every broken invariant, one line each (empty when the graph is sound)."""
    return [*await slot_problems(store), *await orphan_problems(store)]
