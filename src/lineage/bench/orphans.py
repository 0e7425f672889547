"""`lineage bench-orphans`: orphan detection through the real API next to the plainest Cypher.

On the generated graph (see generate.py), in the same run:
- full recomputation, cold (p50 of several, each after a cold start) and warm
  (orphan_recompute.py);
- regeneration, revert and archive over HTTP, with their orphan updates and the
  payloads listing what changed, against one Cypher statement each that does the
  same to the graph and flags what it orphans: for used images (a few orphaned
  each) and for a hub with ~1,000 dependants (orphan_changes.py);
- a page of 50 orphans with totalCount: `orphans(projectCode)` over HTTP
  against a query that walks every asset of the project.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aiohttp

from lineage.auth.models import Scope
from lineage.bench.generate import GraphSummary, auto_commit, ensure_generated
from lineage.bench.measure import post
from lineage.bench.orphan_changes import Timing, clocked, hub_changes, hub_size, small_changes
from lineage.bench.orphan_recompute import one_line, timed_cold, timed_warm
from lineage.bench.server import api_session
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.models import utc_timestamp
from lineage.runtime import open_store
from lineage.settings import Settings
from lineage.upgrades import migrate

GATHERED = "BENCH-GATHERED"
ASSETS_PER_FREE_VIDEO = 10  # the generated graph: about one current ready video in 7 assets
PAGE = """query($code: String!) {
  orphans(projectCode: $code, first: 50) { totalCount edges { node { id } } } }"""


@dataclass(frozen=True)
class OrphanBenchOptions:
    """What to generate and how often to measure."""

    assets: int
    seed: int = 1
    runs: int = 50
    recompute_runs: int = 5
    restart: bool = False  # restart Neo4j for the cold recomputation (its own instance only)
    hub_dependants: int | None = None  # each hub's live dependants (None: see hub_size)
    cold_runs: int = 3  # cold runs of the full recomputation (each side, each cold started)

    @property
    def hub(self) -> int:
        return hub_size(self.assets, self.hub_dependants)

    @property
    def gathered(self) -> int:
        """Assets of the gathered project: a tenth of the graph, or more when the two
        hubs need more live videos to be built from them."""
        return max(self.assets // 10, 2 * self.hub * ASSETS_PER_FREE_VIDEO)


async def with_history(store: Store) -> None:
    """Once per graph: regenerate one in ten used images, so a share of it is orphaned."""
    [counts] = await store.read("bench/count_orphaned")
    if counts["orphaned"] == 0:
        await auto_commit(store, "bench/supersede_some_images", at=utc_timestamp())


def projects_to_gather(sizes: list[list[Any]], wanted: int) -> list[str]:
    """Codes of the first projects (in order) whose assets add up to at least `wanted`."""
    codes: list[str] = []
    for code, size in sizes:
        if wanted <= 0:
            break
        if code != GATHERED:
            codes.append(code)
            wanted -= size
    return codes


async def with_gathered_project(store: Store, wanted: int, code: str = GATHERED) -> None:
    """Once per graph: project `code` holding at least `wanted` assets (bench-orphans: a
    tenth, 100k of 1M, as the issue's page measure asks); the generator's own projects
    hold 100-1000 each."""
    [row] = await store.read("bench/list_project_sizes")
    have = dict(row["projects"]).get(code, 0)
    if have >= wanted:
        return
    await store.write("bench/create_gathered_project", code=code, at=utc_timestamp())
    codes = projects_to_gather(row["projects"], wanted - have)
    await auto_commit(store, "bench/gather_projects", codes=codes, code=code)


async def orphan_pages(http: aiohttp.ClientSession, store: Store, runs: int) -> Timing:
    timing = Timing("page of 50 orphans + totalCount (ms)")
    code = GATHERED
    [counts] = await store.read("bench/count_project_orphans", projectCode=code)
    if not counts["orphans"]:
        raise LineageError(f"project {code} has no orphan to page through")
    for _ in range(runs):
        ms, _ = await clocked(lambda: post(http, PAGE, code=code))
        timing.api.append(ms)
        ms, _ = await clocked(
            lambda: store.read("bench/list_orphans_plain", projectCode=code, limit=50)
        )
        timing.plain.append(ms)
    timing.notes.append(
        f"project {code}: {counts['orphans']:,} orphans of {counts['assets']:,} assets"
    )
    return timing


async def run_orphan_bench(
    settings: Settings, options: OrphanBenchOptions, log: Callable[[str], None]
) -> dict[str, Any]:
    """Generate (or reuse) the graph, then time each measure on both sides."""
    async with open_store(settings) as store:
        await migrate(store)
        summary: GraphSummary = await ensure_generated(store, options.assets, options.seed)
        log(f"graph: {options.assets:,} assets ({'reused' if summary.reused else 'generated'})")
        await with_gathered_project(store, options.gathered)
        await with_history(store)
    cold = await timed_cold(settings, options.cold_runs, options.restart)
    log(one_line(cold))  # shown at once: a later failure would lose it
    warm = await timed_warm(settings, options.recompute_runs)
    log(one_line(warm))
    recompute = [cold, warm]
    async with open_store(settings) as store:
        [counts] = await store.read("bench/count_orphaned")
        log(f"full recomputation done: {counts['orphaned']:,} of {counts['assets']:,} orphaned")
        served = await served_measures(settings, store, options)
    for timing in recompute:
        timing.notes.append(f"{counts['orphaned']:,} of {counts['assets']:,} assets orphaned")
    return {
        "assets": options.assets,
        "nodes": sum(summary.nodes.values()),
        "relationships": sum(summary.relationships.values()),
        "results": [t.row() for t in (*recompute, *served)],
    }


async def served_measures(
    settings: Settings, store: Store, options: OrphanBenchOptions
) -> list[Timing]:
    """The measures made through the API, served alone in its process as deployed."""
    async with api_session(settings, store, Scope.WRITE) as http:
        pages = await orphan_pages(http, store, options.runs)
        # the hub first: the plain side's changes leave stored orphan states
        # stale, which would show in the hub's dependants
        hub = await hub_changes(http, store, GATHERED, options.runs, options.hub)
        small = await small_changes(http, store, options.runs)
    return [*small, *hub, pages]
