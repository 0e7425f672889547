"""What an import's batch statements cost Neo4j: one index seek per key looked up, and
the project found once a batch (not once a node) when its members join it."""

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


async def test_memberships_find_their_project_once_a_batch(store: Store) -> None:
    """The PART_OF edges of new members: the project sought once a statement, each
    member by one index seek, and one edge created per member."""
    repository = BundleRepository(store)
    project = {"labels": ["Project"], "properties": {"code": CODE, "id": CODE, "name": "V"}}
    rows = [
        {"labels": ["Asset"], "properties": {"id": f"img-{n}", "projectCode": CODE}}
        for n in range(MEMBERS)
    ]
    assert await repository.create_nodes([project, *rows]) == MEMBERS + 1
    ids = {"assets": [f"img-{n}" for n in range(MEMBERS)], "prompts": [], "workflows": []}
    plan = await profiled(store, "bundles/create_memberships", code=CODE, **ids)
    seeks = [op for op in operators(plan) if "Project" in str(op.get("args", {}).get("Details"))]
    assert seeks and all(op["rows"] == 1 for op in seeks), seeks
    assert total_db_hits(plan) <= 2 * MEMBERS + 10, total_db_hits(plan)  # a seek a member
    assert await repository.create_memberships(CODE, {"Asset": ids["assets"]}) == MEMBERS
    [row] = await store.read("bundles/count_project_members", code=CODE)
    assert row["members"] == MEMBERS


async def test_memberships_refuse_an_absent_project(store: Store) -> None:
    repository = BundleRepository(store)
    assert await repository.create_nodes([{"labels": ["Asset"], "properties": {"id": "a"}}]) == 1
    with pytest.raises(DatabaseError, match="not in the graph"):
        await repository.create_memberships("NOPE-001", {"Asset": ["a"]})
