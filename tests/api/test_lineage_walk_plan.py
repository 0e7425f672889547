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
