"""The full recomputation repairs stored orphan state in both directions."""

from __future__ import annotations

from lineage.db.store import Store
from lineage.integrity import check_integrity
from lineage.orphans.tracker import recompute_all
from tests.orphans.test_orphans_cli import scenario


def state(asset_id: str, orphaned: bool) -> dict[str, object]:
    reasons = '[{"kind": "broken", "rootCause": "x", "depth": 1, "path": ["x", "y"]}]'
    return {
        "id": asset_id,
        "orphaned": orphaned,
        "state": "broken" if orphaned else "ok",
        "reasons": reasons if orphaned else None,
        "rootCauses": ["x"] if orphaned else [],
    }


async def test_recompute_restores_a_cleared_orphan_and_clears_a_false_one(store: Store) -> None:
    await scenario(store)  # vid-1 is stale: shot-001 was regenerated
    await store.write("orphans/set_status", rows=[state("vid-1", False), state("shot-002", True)])
    assert len(await check_integrity(store)) == 1
    changes = await recompute_all(store)
    assert (changes.orphaned, changes.restored) == (["vid-1"], ["shot-002"])
    assert await check_integrity(store) == []
    assert (await recompute_all(store)).count == 0
