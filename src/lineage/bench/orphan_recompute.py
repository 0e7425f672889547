"""The full orphan recomputation `lineage bench-orphans` times: `recompute_all` (root
causes and counts, stored) against one Cypher statement that only flags orphans
(recompute_orphans_plain), cold and warm.

Cold is each side's first run after a start of Neo4j (empty page cache, no query
plans): of the bench's own instance, or of the local instance `lineage db start`
runs (the LINEAGE_LOCAL_NEO4J_* settings) when NEO4J_URI names it; on any other
database, which the bench may not restart, after emptying the query caches. Each
side is timed cold several times, each after a cold start of its own, the side that
goes first alternating (the second follows a restart just as the first, but the OS
still caches the store files the first read): one cold sample per side moved the
ratio by 0.4x between runs of the same code, the p50 of several moves less.
Warm runs follow, interleaved, the side that goes first alternating, after one
unmeasured run of each (the cold runs leave only the last side's plans and compiled
code in the restarted Neo4j).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from functools import partial
from urllib.parse import urlsplit

from lineage.bench.generate import auto_commit
from lineage.bench.orphan_changes import Timing, clocked
from lineage.bench.turns import in_turn
from lineage.db.store import Store
from lineage.localdb.server import LocalNeo4j
from lineage.orphans.refresh import recompute_all
from lineage.runtime import open_store
from lineage.settings import Settings

Side = Callable[[Store], Awaitable[None]]


async def api_side(store: Store) -> None:
    await recompute_all(store)


async def plain_side(store: Store) -> None:
    await auto_commit(store, "bench/recompute_orphans_plain")


def restartable(settings: Settings) -> bool:
    """Whether the bench may restart the database: its own instance (no NEO4J_URI), or
    the running local instance of these settings when NEO4J_URI names it."""
    if not settings.neo4j_uri:
        return True
    local = LocalNeo4j(settings)
    named, own = urlsplit(settings.neo4j_uri), urlsplit(local.bolt_uri)
    same_host = named.hostname in {"localhost", own.hostname}
    return same_host and named.port == own.port and local.status().running


async def cold_start(settings: Settings, restart: bool) -> None:
    """Restart the bench's own Neo4j, or else empty its query caches."""
    if restart:
        server = LocalNeo4j(settings)
        await asyncio.to_thread(server.stop)
        await asyncio.to_thread(server.start)
        return
    async with open_store(settings) as store:
        await store.write("bench/clear_query_caches")


async def first_run(settings: Settings, side: Side, restart: bool) -> float:
    """Seconds of `side`'s first run after a cold start, on a fresh connection."""
    await cold_start(settings, restart)
    async with open_store(settings) as store:
        ms, _ = await clocked(lambda: side(store))
    return ms / 1000


async def timed_cold(
    settings: Settings, runs: int, restart: bool, api: Side = api_side, plain: Side = plain_side
) -> Timing:
    """`runs` first runs of each side, each after a cold start of its own."""
    cold = Timing("full recomputation, cold (s)")
    for n in range(runs):
        for side, times in in_turn(n, [(api, cold.api), (plain, cold.plain)]):
            times.append(await first_run(settings, side, restart))
    start = "a restart of Neo4j" if restart else "emptying query caches"
    cold.notes.append(f"{runs} runs of each side, each after {start}")
    cold.notes.append(f"each run in turn: API {seconds(cold.api)}, plain {seconds(cold.plain)}")
    return cold


def seconds(runs: list[float]) -> str:
    return " / ".join(f"{s:.2f}" for s in runs) + " s"


async def timed_warm(settings: Settings, runs: int) -> Timing:
    """`runs` runs of each side, after one unmeasured run of each."""
    warm = Timing("full recomputation, warm (s)")
    async with open_store(settings) as store:
        await api_side(store)
        await plain_side(store)
        for n in range(runs):
            for side, times in in_turn(n, [(api_side, warm.api), (plain_side, warm.plain)]):
                ms, _ = await clocked(partial(side, store))
                times.append(ms / 1000)
    return warm


def one_line(timing: Timing) -> str:
    """One line: p50 of each side and their ratio, then the notes."""
    row = timing.row()
    ratio = f"{row['ratioP50']:.2f}x" if row["ratioP50"] else "-"
    sides = f"API {row['api']['p50']:.2f}, plain {row['plain']['p50']:.2f}"
    return "; ".join([f"{timing.name}: p50 {sides}, {ratio}", *timing.notes])
