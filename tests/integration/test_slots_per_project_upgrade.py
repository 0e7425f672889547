"""The data migration that gives every slot its project: run over a graph that the
code from before it recorded through its API (`tests/data/graph_before_slot_keys.json`:
two projects and a project-less asset sharing the slot names `shot-001`, `shot-002`
and `001-002`, so the second project's shots were versions 2 and 3 of the first's)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lineage.db.store import Store
from lineage.integrity import check_integrity
from lineage.upgrades import migrate

BEFORE = Path(__file__).parent.parent / "data" / "graph_before_slot_keys.json"
UPGRADE = "0033_slots_per_project"
SLOTS = """MATCH (a:Asset) RETURN a.slotKey AS slotKey, a.id AS id, a.version AS version,
  a.isCurrent AS isCurrent, coalesce(a.orphaned, false) AS orphaned ORDER BY slotKey, version"""


async def load_old_graph(store: Store) -> dict[str, Any]:
    before: dict[str, Any] = json.loads(BEFORE.read_text(encoding="utf-8"))
    await store.write("admin/create_snapshot_nodes", nodes=before["nodes"])
    await store.write("admin/create_snapshot_edges", edges=before["edges"])
    await store.write("migrations/forget_applied", version=UPGRADE)
    return before


async def slots(store: Store) -> dict[str, list[tuple[str, int, bool, bool]]]:
    found: dict[str, list[tuple[str, int, bool, bool]]] = {}
    async with store.driver.session() as session:
        result = await session.run(SLOTS)
        async for r in result:
            found.setdefault(r["slotKey"], []).append(
                (r["id"], r["version"], r["isCurrent"], r["orphaned"])
            )
    return found


async def test_the_old_graph_is_broken_the_way_the_issue_says(store: Store) -> None:
    before = await load_old_graph(store)
    versions = {n["properties"].get("id"): n["properties"].get("version") for n in before["nodes"]}
    assert versions["b-shot-001"] == 2 and versions["b-vid-1"] == 3  # the other project's
    assert await check_integrity(store) != []  # `lineage check` sees it before the upgrade


async def test_the_upgrade_splits_renumbers_and_recomputes(store: Store) -> None:
    await load_old_graph(store)
    assert await migrate(store) == [UPGRADE]
    assert await slots(store) == {
        "none/shot-001": [("loose-shot", 1, True, False)],
        "project:VSS-001/001-002": [
            ("a-vid-1", 1, False, False),
            ("a-vid-2", 2, False, False),
            ("a-vid-3", 3, True, False),
        ],
        "project:VSS-001/a-thumb": [("a-thumb", 1, True, True)],  # built from a-vid-2
        "project:VSS-001/shot-001": [("a-shot-001", 1, True, False)],
        "project:VSS-001/shot-002": [("a-shot-002", 1, True, False)],
        "project:VSS-002/001-002": [("b-vid-1", 1, True, True)],  # b-shot-001 was redone
        "project:VSS-002/shot-001": [
            ("b-shot-001", 1, False, False),
            ("b-shot-001-v2", 2, True, False),
        ],
        "project:VSS-002/shot-002": [("b-shot-002", 1, True, False)],
    }
    assert await check_integrity(store) == []
    counts = await store.read("projects/list_orphan_counts")
    assert counts == [
        {"code": "VSS-001", "orphanCount": 1},
        {"code": "VSS-002", "orphanCount": 1},
    ]


async def test_the_upgrade_runs_once_and_changes_nothing_the_second_time(store: Store) -> None:
    await load_old_graph(store)
    await migrate(store)
    upgraded = await store.read("integrity/list_snapshot")
    assert await migrate(store) == []
    await store.write("migrations/forget_applied", version=UPGRADE)
    assert await migrate(store) == [UPGRADE]
    assert await store.read("integrity/list_snapshot") == upgraded
