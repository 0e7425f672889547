"""The one-query lineage walk answers exactly like the level-by-level walk it replaced."""

from __future__ import annotations

import json
import random

from lineage.bench.generate import generate
from lineage.db.store import Store
from lineage.graph.walk import Direction, LineageGraph, walk, walk_by_levels


def answer(graph: LineageGraph) -> tuple[object, ...]:
    nodes = {
        (n.id, n.distance, tuple(n.labels), json.dumps(n.properties, sort_keys=True))
        for n in graph.nodes.values()
    }
    return nodes, graph.edges, graph.truncated


async def test_one_query_walk_equals_the_walk_by_levels(store: Store) -> None:
    summary = await generate(store, 1_500, seed=11)
    rng = random.Random(11)
    starts = list(summary.sample_ids[:8])
    for label, count in (("Asset", 12), ("Prompt", 8), ("Workflow", 3)):
        records, _, _ = await store.driver.execute_query(
            "MATCH (n) WHERE $label IN labels(n) RETURN n.id AS id ORDER BY id", label=label
        )
        starts += rng.sample([r["id"] for r in records], count)
    truncated = 0
    for start in starts:
        for direction in Direction:
            for depth in (1, 2, 5):
                one = await walk(store, start, direction, depth)
                assert answer(one) == answer(await walk_by_levels(store, start, direction, depth))
                truncated += one.truncated
    assert truncated > 0
