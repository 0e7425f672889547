"""The one-query lineage walks, and the bench's plain-Cypher twins of them, find shortest
distances with one pruning breadth-first expansion (`VarLengthExpand(Pruning,BFS)`):
a variable-length pattern grouped by node with `min(length(p))`. `ANY SHORTEST` gave
the same rows for about twice Neo4j's CPU on a depth-5 walk; the twins walk the same
way, so `lineage bench` compares the API with the same traversal."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.db.cypher import load_text
from lineage.db.store import Store
from tests.api.test_nested_page import story_graph
from tests.conftest import GraphQLClient

WALKS = (
    "lineage/find_upstream",
    "lineage/find_subgraph",
    "bench/lineage_upstream",
    "bench/lineage_both",
)
PRUNING_BFS = "VarLengthExpand(Pruning,BFS"
SHORTEST_PATH = "ShortestPath"  # StatefulShortestPath, ShortestPath: a path search


def operator_names(plan: dict[str, Any]) -> list[str]:
    children = plan.get("children", [])
    return [plan["operatorType"], *(name for child in children for name in operator_names(child))]


@pytest.mark.parametrize("name", WALKS)
async def test_each_direction_is_one_pruning_breadth_first_expansion(
    store: Store, name: str
) -> None:
    params = {"id": "any", "depth": 5, "upstream": True, "downstream": True}
    async with store.driver.session(database=store.database) as session:
        result = await session.run("EXPLAIN " + load_text(name), params)
        summary = await result.consume()
    names = operator_names(summary.plan)
    directions = 1 if name.endswith("upstream") else 2
    assert sum(PRUNING_BFS in each for each in names) == directions, names
    assert not [each for each in names if SHORTEST_PATH in each], names


def db_hits(plan: Any) -> int:
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


async def profiled_hits(store: Store, name: str, params: dict[str, Any]) -> int:
    """The db hits of the statement's second run (the first may plan for an older graph)."""
    async with store.driver.session(database=store.database) as session:
        for _ in range(2):
            result = await session.run("PROFILE " + load_text(name), params)
            summary = await result.consume()
    return db_hits(summary.profile)


async def test_an_upstream_walk_costs_neo4j_what_the_drivers_statement_costs(
    store: Store, gql: GraphQLClient
) -> None:
    """The API's walk reads at most what the bench's driver side reads plus its start's
    look-up by the two other labels (one index seek more a label), so `lineage bench`
    compares the same traversal (db hits say nothing of how the rows are shaped)."""
    await story_graph(gql)
    assets = await gql.data("{ assets(first: 100) { edges { node { id } } } }")
    starts = [edge["node"]["id"] for edge in assets["assets"]["edges"]]
    assert len(starts) > 5
    for start in starts:
        params = {"id": start, "depth": 5}
        api = await profiled_hits(store, "lineage/find_upstream", params)
        driver = await profiled_hits(store, "bench/lineage_upstream", params)
        assert api <= driver + 2, (start, api, driver)
