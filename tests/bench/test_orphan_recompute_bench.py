"""The full recomputation's cold measure in `lineage bench-orphans`: several first runs
of each side, each after a cold start of its own, the side that goes first alternating."""

from __future__ import annotations

from lineage.bench.orphan_recompute import Side, one_line, seconds, timed_cold
from lineage.db.store import Store
from lineage.settings import Settings

Seen = list[tuple[str, str]]
EMPTY = "Query cache already empty."  # what db.clearQueryCaches says of empty caches


def recording(name: str, seen: Seen) -> Side:
    """A side that notes its turn and what the query caches held when it began (emptied
    by a cold start just before: only the statement that empties them), then plans a
    statement of its own, which stays cached unless the next side's cold start empties
    the caches again."""

    async def side(store: Store) -> None:
        [row] = await store.write("bench/clear_query_caches")
        seen.append((name, row["value"]))
        await store.read("bench/count_orphaned")

    return side


async def test_each_side_runs_cold_in_turn_each_after_its_own_cold_start(
    store: Store, settings: Settings
) -> None:
    seen: Seen = []
    api, plain = recording("api", seen), recording("plain", seen)
    cold = await timed_cold(settings, 3, False, api, plain)
    assert [name for name, _ in seen] == ["api", "plain", "plain", "api", "api", "plain"]
    assert {value for _, value in seen} == {EMPTY}, seen
    assert len(cold.api) == len(cold.plain) == 3
    assert cold.notes[0] == "3 runs of each side, each after emptying query caches"
    api_runs, plain_runs = seconds(cold.api), seconds(cold.plain)
    assert cold.notes[1] == f"each run in turn: API {api_runs}, plain {plain_runs}"
    assert seconds([1.234, 0.5, 12.0]) == "1.23 / 0.50 / 12.00 s"
    row = cold.row()
    assert row["api"]["p50"] == sorted(cold.api)[1]
    assert row["ratioP50"] == row["api"]["p50"] / row["plain"]["p50"]
    p50s = f"p50 API {row['api']['p50']:.2f}, plain {row['plain']['p50']:.2f}"
    line = f"full recomputation, cold (s): {p50s}, {row['ratioP50']:.2f}x; {cold.notes[0]}"
    assert one_line(cold) == f"{line}; {cold.notes[1]}"


async def test_without_a_cold_start_the_next_side_finds_the_caches_full(store: Store) -> None:
    """The check above can fail: a side run straight after another finds more cached."""
    seen: Seen = []
    for name in ("first", "second", "third"):
        await recording(name, seen)(store)
    assert EMPTY not in {seen[1][1], seen[2][1]}, seen
