"""`lineage bench-story` on a small graph (a 2,000- and a ~200-asset project) in the test
Neo4j: every page gives the same data through Lineage, the peer and the floor, and the
table prints; a side that differs stops the benchmark. No timing is asserted."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.bench.pages import PageSides
from lineage.bench.story import PageTimes, check_agreement
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.settings import Settings
from tests.bench.test_bench_command import lineage, neo4j_env

PAGES = ("Story Builder, 2,", "orphans, 2,", "search 'lighthouse watercolor'", "{ __typename }")


async def test_the_three_sides_agree_and_the_table_prints(store: Store, settings: Settings) -> None:
    done = lineage(
        "bench-story",
        *("--large", "2000", "--small", "200", "--runs", "3", "--warmup", "1"),
        *("--floor-runs", "20", "--wipe-ok"),
        **neo4j_env(settings),
    )
    assert done.returncode == 0, done.stderr
    assert "every page gives the same data on every side" in done.stdout, done.stdout
    for text in (*PAGES, "Lineage / floor", "Lineage / peer", "load average"):
        assert text in done.stdout, done.stdout
    story_rows = [line for line in done.stdout.splitlines() if "Story Builder," in line]
    assert len(story_rows) == 2 and all(" - " not in row for row in story_rows)


def answering(value: Any) -> Any:
    async def fetch() -> Any:
        return value

    return fetch


async def test_a_side_that_differs_stops_the_benchmark() -> None:
    floor = [{"id": "a1", "frames": [("start", 0, "i1", "f.png", "fal")]}]
    differing = [{"id": "a1", "frames": [("end", 0, "i1", "f.png", "fal")]}]
    same = PageTimes("page", PageSides(answering(floor), answering(floor), answering(floor)))
    await check_agreement([same])
    peer_differs = PageSides(answering(floor), answering(floor), answering(differing))
    with pytest.raises(LineageError, match="page: peer differs from the floor: item 0"):
        await check_agreement([PageTimes("page", peer_differs)])
    empty = PageSides(answering([]), answering([]), None)
    with pytest.raises(LineageError, match="the floor found nothing"):
        await check_agreement([PageTimes("page", empty)])
