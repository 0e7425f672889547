"""The one-query lineage walk draws exactly what the level-by-level walk draws: the same
nodes, distances, edges and truncation, in the same order."""

from __future__ import annotations

import random

from lineage.bench.generate import generate
from lineage.db.store import Store
from lineage.graph.drawing import draw_lineage, drawing
from lineage.graph.walk import Direction, walk_by_levels


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
                one = await draw_lineage(store, start, direction, depth)
                assert one == drawing(await walk_by_levels(store, start, direction, depth))
                truncated += one["truncated"]
    assert truncated > 0
