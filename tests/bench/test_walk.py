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


async def test_a_frame_used_as_start_and_end_is_two_edges_both_ways(store: Store) -> None:
    await store.driver.execute_query(
        "CREATE (i:Asset {id: 'shot', type: 'image'}), (v:Asset {id: 'clip', type: 'video'}),"
        " (v)-[:USES_FRAME {role: 'start', position: 0}]->(i),"
        " (v)-[:USES_FRAME {role: 'end', position: 1}]->(i)"
    )
    for start in ("clip", "shot"):
        one = await draw_lineage(store, start, Direction.BOTH, 2)
        assert one == drawing(await walk_by_levels(store, start, Direction.BOTH, 2))
        roles = [e["properties"]["role"] for e in one["edges"] if e["type"] == "USES_FRAME"]
        assert roles == ["END", "START"]  # the schema's spelling (stored lower case)
        assert [n["id"] for n in one["nodes"]] == [start, {"clip": "shot"}.get(start, "clip")]
