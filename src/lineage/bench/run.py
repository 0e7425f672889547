"""`lineage bench` without the CLI: which Neo4j, the graph, the server, the measurement."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from lineage.bench.generate import GraphSummary, ensure_generated
from lineage.bench.measure import Comparison
from lineage.bench.report import BenchReport, DirectionResult
from lineage.bench.rows import rows_session
from lineage.bench.server import Served, bench_key, served_api
from lineage.db.driver import neo4j_uri
from lineage.db.store import Store
from lineage.errors import InvalidInputError, LineageError
from lineage.runtime import open_store
from lineage.settings import Settings
from lineage.upgrades import migrate


@dataclass(frozen=True)
class BenchOptions:
    assets: int = 100_000
    runs: int = 200
    depth: int = 5
    seed: int = 1
    warmup: int = 20


def check_options(options: BenchOptions, settings: Settings) -> None:
    if options.assets < 1 or options.runs < 1 or options.warmup < 0:
        raise InvalidInputError("--assets and --runs must be at least 1, --warmup at least 0")
    if not 1 <= options.depth <= min(10, settings.max_lineage_depth):
        raise InvalidInputError(
            f"--depth must be 1 to {min(10, settings.max_lineage_depth)}, got {options.depth}"
        )


def pick_starts(summary: GraphSummary, count: int, salt: str) -> list[str]:
    """A seeded random sample of the graph's deep assets (repeats only when too few)."""
    if not summary.sample_ids:
        raise LineageError("the generated graph has no asset with deep lineage; use more --assets")
    rng = random.Random(f"lineage-bench/{summary.seed}/{salt}")
    if count <= len(summary.sample_ids):
        return rng.sample(summary.sample_ids, count)
    return [rng.choice(summary.sample_ids) for _ in range(count)]


async def run_bench(
    settings: Settings, options: BenchOptions, log: Callable[[str], None] = lambda _: None
) -> BenchReport:
    """Prepare the graph on `settings`' Neo4j (WIPES it unless it holds the same graph),
    serve the real app and the rows app (`lineage.bench.rows`) on it, and measure every
    side."""
    check_options(options, settings)
    async with open_store(settings) as store:
        await migrate(store)
        log(f"graph: {options.assets:,} assets, seed {options.seed} on {neo4j_uri(settings)}")
        summary = await ensure_generated(store, options.assets, options.seed)
        log(
            ("reused the graph generated" if summary.reused else "generated")
            + f" in {summary.seconds:.1f}s"
        )
        async with (
            bench_key(store) as token,
            served_api(settings, token) as api,
            rows_session(settings, token) as rows,
        ):
            results = await _measure(api, rows, store, summary, options)
    return BenchReport(
        graph=summary,
        runs=options.runs,
        depth=options.depth,
        warmup=options.warmup,
        neo4j=neo4j_uri(settings),
        results=results,
    )


async def _measure(
    api: Served,
    rows: Served,
    store: Store,
    summary: GraphSummary,
    options: BenchOptions,
) -> list[DirectionResult]:
    comparison = Comparison(api, rows, store, options.depth)
    starts = pick_starts(summary, options.runs, "starts")
    await comparison.preload(starts)
    await comparison.warm_up(pick_starts(summary, options.warmup, "warm-up"))
    samples = await comparison.run(starts)
    return [DirectionResult.of(direction, s) for direction, s in samples.items()]
