"""`lineage bench-orphans`: orphan detection through the real API next to the plainest Cypher.

On the generated graph (see generate.py), in the same run:
- full recomputation: `recompute_all` (root causes and counts, stored) against
  one Cypher statement that only flags orphans (recompute_orphans_plain);
- regeneration: `recordGeneration` of a new current attempt over HTTP, with its
  orphan update and the payload listing what changed, against one Cypher
  statement that creates the attempt and flags everything downstream;
- a page of 50 orphans with totalCount: `orphans(projectCode)` over HTTP
  against a query that walks every asset of the project.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import aiohttp

from lineage.auth.models import Scope
from lineage.bench.generate import GraphSummary, auto_commit, ensure_generated
from lineage.bench.measure import post, stats
from lineage.bench.server import api_session
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.models import utc_timestamp
from lineage.orphans.tracker import recompute_all
from lineage.runtime import open_store
from lineage.settings import Settings
from lineage.upgrades import migrate

REGENERATE = """mutation($in: RecordGenerationInput!) {
  recordGeneration(input: $in) { asset { id } orphanedIds restoredIds } }"""
GATHERED = "BENCH-GATHERED"
HUB_DEPENDANTS = 1_000
REVERT = (
    """mutation($id: ID!) { revertTo(assetId: $id) { asset { id } orphanedIds restoredIds } }"""
)
PAGE = """query($code: String!) {
  orphans(projectCode: $code, first: 50) { totalCount edges { node { id } } } }"""


@dataclass
class Timing:
    """One measure: API and baseline timings (ms) and what each did."""

    name: str
    api: list[float] = field(default_factory=list)
    plain: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        api, plain = stats(self.api), stats(self.plain)
        return {
            "measure": self.name,
            "api": api,
            "plain": plain,
            "ratioP50": api["p50"] / plain["p50"] if plain["p50"] else None,
            "ratioP95": api["p95"] / plain["p95"] if plain["p95"] else None,
            "notes": self.notes,
        }


async def clocked(call: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = await call()
    return (time.perf_counter() - started) * 1000, result


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


async def full_recompute(store: Store) -> Timing:
    timing = Timing("full recomputation (s)")
    seconds, changes = await clocked(lambda: recompute_all(store))
    timing.api.append(seconds / 1000)
    plain, _ = await clocked(lambda: auto_commit(store, "bench/recompute_orphans_plain"))
    timing.plain.append(plain / 1000)
    timing.notes.append(f"API side stored {changes.count:,} changed states; baseline only flags")
    return timing


async def regenerations(http: aiohttp.ClientSession, store: Store, runs: int) -> Timing:
    timing = Timing("regeneration + orphan update (ms)")
    targets = await store.read("bench/find_regeneration_targets", limit=2 * runs)
    if len(targets) < 2:
        raise LineageError("the generated graph has no image that something was built from")
    changed: list[int] = []
    for n, target in enumerate(targets):
        new_id = f"bench-regen-{utc_timestamp()}-{n}"
        if n % 2 == 0:
            fields = {"id": new_id, "type": "IMAGE", "provider": "fal", "model": "flux"}
            fields.update(regeneratesId=target["id"], projectCode=target["projectCode"])
            ms, data = await clocked(partial(post, http, REGENERATE, **{"in": fields}))
            timing.api.append(ms)
            changed.append(len(data["recordGeneration"]["orphanedIds"]))
        else:
            plain = partial(store.write, "bench/regenerate_plain", id=target["id"], newId=new_id)
            ms, _ = await clocked(partial(plain, at=utc_timestamp()))
            timing.plain.append(ms)
    changed.sort()
    timing.notes.append(
        f"orphaned per regeneration: median {changed[len(changed) // 2]}, max {changed[-1]}"
    )
    return timing


async def hubs(store: Store, dependants: int) -> tuple[str, str, int]:
    """Two images of the gathered project with up to `dependants` live videos built
    from each (one for each side), and how many the API side's has."""
    found = await store.read("bench/find_hub_candidates", projectCode=GATHERED, limit=2)
    if len(found) < 2:
        raise LineageError(f"project {GATHERED} has no two images to build a hub on")
    counts = [await link_dependants(store, hub["id"], dependants) for hub in found]
    return found[0]["id"], found[1]["id"], counts[0]


async def link_dependants(store: Store, hub_id: str, dependants: int) -> int:
    rows = await store.write("bench/link_hub_dependants", hubId=hub_id, dependants=dependants)
    linked: int = rows[0]["dependants"]
    return linked


async def hub_regenerations(
    http: aiohttp.ClientSession, store: Store, runs: int, assets: int
) -> tuple[Timing, Timing]:
    """Regenerate an input with ~1,000 live dependants (one per thousand assets, at
    most HUB_DEPENDANTS), all orphaned, then revert it (all restored): through the
    API, and by the plain Cypher on a twin hub."""
    wanted = min(HUB_DEPENDANTS, max(1, assets // 1000))
    api_hub, plain_hub, dependants = await hubs(store, wanted)
    regen = Timing(f"regeneration orphaning {dependants:,} (ms)")
    revert = Timing(f"revert restoring {dependants:,} (ms)")
    orphaned, restored = [], []
    await post(http, REVERT, id=api_hub)  # current, whatever an earlier run left
    for n in range(runs):
        new_id = f"bench-hub-{utc_timestamp()}-{n}"
        fields = {"id": new_id, "type": "IMAGE", "provider": "fal", "model": "flux"}
        fields.update(regeneratesId=api_hub, projectCode=GATHERED)
        ms, data = await clocked(partial(post, http, REGENERATE, **{"in": fields}))
        regen.api.append(ms)
        orphaned.append(len(data["recordGeneration"]["orphanedIds"]))
        ms, data = await clocked(partial(post, http, REVERT, id=api_hub))
        revert.api.append(ms)
        restored.append(len(data["revertTo"]["restoredIds"]))
        plain = partial(store.write, "bench/regenerate_plain", id=plain_hub, newId=new_id + "-p")
        ms, _ = await clocked(partial(plain, at=utc_timestamp()))
        regen.plain.append(ms)
        ms, _ = await clocked(partial(store.write, "bench/revert_plain", id=plain_hub))
        revert.plain.append(ms)
    regen.notes.append(f"orphaned per regeneration: min {min(orphaned)}, max {max(orphaned)}")
    revert.notes.append(f"restored per revert: min {min(restored)}, max {max(restored)}")
    return regen, revert


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
    settings: Settings, assets: int, seed: int, runs: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """Generate (or reuse) the graph, then time each measure on both sides."""
    async with open_store(settings) as store:
        await migrate(store)
        summary: GraphSummary = await ensure_generated(store, assets, seed)
        log(f"graph: {assets:,} assets ({'reused' if summary.reused else 'generated'})")
        await with_gathered_project(store, assets // 10)
        await with_history(store)
        recompute = await full_recompute(store)
        [counts] = await store.read("bench/count_orphaned")
        log(f"full recomputation done: {counts['orphaned']:,} of {counts['assets']:,} orphaned")
        async with api_session(settings, store, Scope.WRITE) as http:
            pages = await orphan_pages(http, store, runs)
            regen = await regenerations(http, store, runs)
            hub_regen, hub_revert = await hub_regenerations(http, store, runs, assets)
    recompute.notes.append(f"{counts['orphaned']:,} of {counts['assets']:,} assets orphaned")
    return {
        "assets": assets,
        "nodes": sum(summary.nodes.values()),
        "relationships": sum(summary.relationships.values()),
        "results": [t.row() for t in (recompute, regen, hub_regen, hub_revert, pages)],
    }
