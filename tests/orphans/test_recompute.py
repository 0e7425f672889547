"""The full recomputation repairs stored orphan state in both directions."""

from __future__ import annotations

from lineage.db.store import Store
from lineage.integrity import check_integrity
from lineage.orphans.refresh import recompute_all
from lineage.orphans.repository import OrphanRepository
from tests.orphans.test_orphans_cli import scenario


def state(asset_id: str, orphaned: bool) -> dict[str, object]:
    return {"id": asset_id, "orphaned": orphaned, "rootCauses": ["x"] if orphaned else []}


async def test_recompute_restores_a_cleared_orphan_and_clears_a_false_one(store: Store) -> None:
    await scenario(store)  # vid-1 is stale: shot-001 was regenerated
    rows = [state("vid-1", False), state("shot-002", True)]
    miscount = [{"projectCode": "VSS-001", "delta": 5}]
    await store.write("orphans/set_status", rows=rows, deltas=miscount)
    problems = await check_integrity(store)
    assert problems == [
        "2 asset(s) with a stale orphan state: shot-002, vid-1",
        "project 'VSS-001': orphanCount 6, 1 orphaned",
    ]
    changes = await recompute_all(store)
    assert (changes.orphaned, changes.restored) == (["vid-1"], ["shot-002"])
    assert await check_integrity(store) == []
    assert (await recompute_all(store)).count == 0


async def test_indexes_are_resampled_only_when_outdated(store: Store) -> None:
    """A recomputation has Neo4j resample (and replan) after bulk writes only: with no
    index outdated, the cached plans stay (a replanning was most of a warm run's extra)."""
    await scenario(store)  # written into an emptied graph: its indexes are outdated
    orphans = OrphanRepository.writing(store)
    assert await orphans.prepare_for_recompute() is True
    assert await orphans.prepare_for_recompute() is False
    await recompute_all(store)
    assert await orphans.prepare_for_recompute() is False
