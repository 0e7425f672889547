"""What an import's batch statements cost Neo4j: one index seek per key looked up, the
project found once a batch (not once a node) when its members are created, and one
index seek an edge (its target's) for the edges written with the assets they leave."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.bundles.repository import BundleRepository
from lineage.db.cypher import load_text
from lineage.db.store import Store
from lineage.errors import DatabaseError
from tests.api.test_catalog_page_cost import total_db_hits

KEYS = 500
MEMBERS = 300
CODE = "VSS-001"


async def profiled(store: Store, name: str, **params: Any) -> dict[str, Any]:
    """The profile of statement `name`, run in a transaction that is rolled back."""
    async with store.driver.session(database=store.database) as session:
        tx = await session.begin_transaction()
        try:
            result = await tx.run("PROFILE " + load_text(name), params)
            summary = await result.consume()
        finally:
            await tx.rollback()
    plan: dict[str, Any] = summary.profile
    return plan


def operators(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [plan, *(op for child in plan.get("children", []) for op in operators(child))]


async def test_looking_up_absent_nodes_costs_one_seek_a_key(store: Store) -> None:
    ids = [f"img-{n}" for n in range(KEYS)]
    params = {"assets": ids, "prompts": ["p-1"], "workflows": ["wf-1"], "projects": [CODE]}
    plan = await profiled(store, "bundles/find_nodes", **params)
    assert total_db_hits(plan) <= KEYS + 3 + 3, total_db_hits(plan)
    assert await BundleRepository(store).find_nodes([("Asset", i) for i in ids]) == {}


async def test_members_find_their_project_once_a_batch(store: Store) -> None:
    repository = BundleRepository(store)
    project = {"labels": ["Project"], "properties": {"code": CODE, "id": CODE, "name": "V"}}
    assert await repository.create_nodes([project]) == 1
    rows = [
        {"labels": ["Asset"], "properties": {"id": f"img-{n}", "projectCode": CODE}}
        for n in range(MEMBERS)
    ]
    plan = await profiled(store, "bundles/create_project_members", code=CODE, rows=rows)
    seeks = [op for op in operators(plan) if "Project" in str(op.get("args", {}).get("Details"))]
    assert seeks and all(op["rows"] == 1 for op in seeks), seeks
    assert await repository.create_project_members(CODE, rows) == MEMBERS
    [row] = await store.read("bundles/count_project_members", code=CODE)
    assert row["members"] == MEMBERS


async def test_assets_are_created_with_their_edges_one_seek_an_edge(store: Store) -> None:
    repository = BundleRepository(store)
    project = {"labels": ["Project"], "properties": {"code": CODE, "id": CODE, "name": "V"}}
    assert await repository.create_nodes([project]) == 1
    images = [_asset(f"img-{n}", []) for n in range(MEMBERS)]
    assert await repository.create_project_assets(CODE, images) == (MEMBERS, 0)
    frames = [
        _asset(f"vid-{n}", [_frame(f"img-{n}", "start"), _frame(f"vid-{n + 1}", "end")])
        for n in range(MEMBERS)
    ]  # the last edge of each points at the next row, created by the same statement
    frames[-1]["edges"].pop()
    edges = 2 * MEMBERS - 1

    plan = await profiled(store, "bundles/create_project_assets", code=CODE, rows=frames)

    seeks = [op for op in operators(plan) if "IndexSeek" in op["operatorType"]]
    assert sorted(op["rows"] for op in seeks) == [1, edges], seeks
    assert total_db_hits(plan) <= MEMBERS * 30 + edges * 6, total_db_hits(plan)
    assert await repository.create_project_assets(CODE, frames) == (MEMBERS, edges)
    [row] = await store.read("bundles/count_project_members", code=CODE)
    assert row["members"] == 2 * MEMBERS


async def test_an_asset_whose_edge_has_no_target_writes_nothing(store: Store) -> None:
    repository = BundleRepository(store)
    project = {"labels": ["Project"], "properties": {"code": CODE, "id": CODE, "name": "V"}}
    assert await repository.create_nodes([project]) == 1
    rows = [_asset("vid-1", [_frame("nowhere", "end")])]
    with pytest.raises(DatabaseError, match="0 of 1 edges"):
        await repository.create_project_assets(CODE, rows)
    [row] = await store.read("bundles/count_project_members", code=CODE)
    assert row["members"] == 0  # rolled back


def _asset(asset_id: str, edges: list[dict[str, Any]]) -> dict[str, Any]:
    return {"properties": {"id": asset_id, "projectCode": CODE}, "edges": edges}


def _frame(target: str, role: str) -> dict[str, Any]:
    return {"type": "USES_FRAME", "to": target, "properties": {"role": role, "position": 0}}
