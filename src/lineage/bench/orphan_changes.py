"""The changes `lineage bench-orphans` times: regeneration, revert and archive, each
through the API (with its orphan update and the payload listing what changed) next
to the plainest Cypher that does the same to the graph and flags what it orphans.

- Small changes: current images that a few assets were built from (median 2
  orphaned): each is regenerated, reverted to (its dependants restored), then
  archived (orphaned again, now broken; the regeneration becomes current).
- A hub with ~1,000 live dependants: regenerated (all orphaned), reverted to (all
  restored), regenerated again and that new attempt archived (all restored).
The API side works on one target, the plain side on its twin: each runs its
sequence in turn, so the other side's target is as it was when one side measures
(the plain side leaves stored orphan states alone, which the API side would read).
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import aiohttp

from lineage.bench.measure import post, stats
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.models import utc_timestamp

REGENERATE = """mutation($in: RecordGenerationInput!) {
  recordGeneration(input: $in) { asset { id } orphanedIds restoredIds } }"""
REVERT = (
    """mutation($id: ID!) { revertTo(assetId: $id) { asset { id } orphanedIds restoredIds } }"""
)
ARCHIVE = """mutation($id: ID!) {
  archiveAsset(id: $id) { asset { id } orphanedIds restoredIds } }"""
HUB_DEPENDANTS = 1_000  # the default hub's size at most (one per thousand assets)


def hub_size(assets: int, asked: int | None) -> int:
    """The live dependants wanted for each side's hub: `asked`, else one per thousand
    assets, at most HUB_DEPENDANTS."""
    return asked if asked is not None else min(HUB_DEPENDANTS, max(1, assets // 1000))


@dataclass
class Timing:
    """One measure: API and baseline timings and what each did."""

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


def spread(what: str, counts: list[int]) -> str:
    ordered = sorted(counts)
    return f"{what}: median {ordered[len(ordered) // 2]}, min {ordered[0]}, max {ordered[-1]}"


def regeneration_of(asset_id: str, project_code: str | None, new_id: str) -> dict[str, Any]:
    fields = {"id": new_id, "type": "IMAGE", "provider": "fal", "model": "flux"}
    return {**fields, "regeneratesId": asset_id, "projectCode": project_code}


class Changes:
    """The three measures of one kind of change, and how many assets each moved."""

    def __init__(self, http: aiohttp.ClientSession, store: Store, label: str) -> None:
        self.http, self.store = http, store
        self.regen = Timing(f"regeneration {label} (ms)")
        self.revert = Timing(f"revert {label} (ms)")
        self.archive = Timing(f"archive {label} (ms)")
        self.moved: dict[str, list[int]] = {"regen": [], "revert": [], "archive": []}

    async def api(self, timing: Timing, kind: str, query: str, **variables: Any) -> str:
        ms, data = await clocked(partial(post, self.http, query, **variables))
        timing.api.append(ms)
        [payload] = data.values()
        self.moved[kind].append(len(payload["orphanedIds"]) + len(payload["restoredIds"]))
        return str(payload["asset"]["id"])

    async def plain(self, timing: Timing, name: str, **params: Any) -> None:
        ms, _ = await clocked(partial(self.store.write, name, **params))
        timing.plain.append(ms)

    async def api_regenerate(self, target: dict[str, Any], new_id: str) -> str:
        fields = regeneration_of(target["id"], target["projectCode"], new_id)
        return await self.api(self.regen, "regen", REGENERATE, **{"in": fields})

    async def api_revert(self, asset_id: str) -> None:
        await self.api(self.revert, "revert", REVERT, id=asset_id)

    async def api_archive(self, asset_id: str) -> None:
        await self.api(self.archive, "archive", ARCHIVE, id=asset_id)

    async def plain_regenerate(self, asset_id: str, new_id: str) -> None:
        params = {"id": asset_id, "newId": new_id, "at": utc_timestamp()}
        await self.plain(self.regen, "bench/regenerate_plain", **params)

    async def plain_revert(self, asset_id: str) -> None:
        await self.plain(self.revert, "bench/revert_plain", id=asset_id, at=utc_timestamp())

    async def plain_archive(self, asset_id: str) -> None:
        await self.plain(self.archive, "bench/archive_plain", id=asset_id, at=utc_timestamp())

    def timings(self) -> list[Timing]:
        for timing, kind in ((self.regen, "regen"), (self.revert, "revert")):
            timing.notes.append(spread("assets whose orphan state moved", self.moved[kind]))
        self.archive.notes.append(spread("assets whose orphan state moved", self.moved["archive"]))
        return [self.regen, self.revert, self.archive]


async def small_changes(http: aiohttp.ClientSession, store: Store, runs: int) -> list[Timing]:
    """Regenerate, revert to, then archive `runs` used images (and their twins)."""
    targets = await store.read("bench/find_regeneration_targets", limit=2 * runs)
    if len(targets) < 2:
        raise LineageError("the generated graph has no image that something was built from")
    changes = Changes(http, store, "of a used image")
    for n, (target, twin) in enumerate(zip(targets[::2], targets[1::2], strict=False)):
        new_id = f"bench-regen-{utc_timestamp()}-{n}"
        await changes.api_regenerate(target, new_id)
        await changes.api_revert(target["id"])
        await changes.api_archive(target["id"])
        await changes.plain_regenerate(twin["id"], new_id + "-p")
        await changes.plain_revert(twin["id"])
        await changes.plain_archive(twin["id"])
    return changes.timings()


async def hubs(store: Store, project_code: str, dependants: int) -> tuple[str, str, int]:
    """Two images of the project with up to `dependants` live videos built from each
    (one for each side), and how many the API side's has."""
    found = await store.read("bench/find_hub_candidates", projectCode=project_code, limit=2)
    if len(found) < 2:
        raise LineageError(f"project {project_code} has no two images to build a hub on")
    counts = [await link_dependants(store, hub["id"], dependants) for hub in found]
    return found[0]["id"], found[1]["id"], counts[0]


async def link_dependants(store: Store, hub_id: str, dependants: int) -> int:
    rows = await store.write("bench/link_hub_dependants", hubId=hub_id, dependants=dependants)
    linked: int = rows[0]["dependants"]
    return linked


async def hub_changes(
    http: aiohttp.ClientSession, store: Store, project_code: str, runs: int, wanted: int
) -> list[Timing]:
    """Regenerate an input with `wanted` live dependants (see hub_size), revert to it,
    regenerate it again and archive that attempt."""
    hub, twin, dependants = await hubs(store, project_code, wanted)
    await post(http, REVERT, id=hub)  # current, whatever an earlier run left
    target = {"id": hub, "projectCode": project_code}
    changes = Changes(http, store, f"of a hub of {dependants:,}")
    for n in range(runs):
        new_id = f"bench-hub-{utc_timestamp()}-{n}"
        await changes.api_regenerate(target, new_id)
        await changes.api_revert(hub)
        await changes.api_archive(await changes.api_regenerate(target, new_id + "-again"))
        await changes.plain_regenerate(twin, new_id + "-p")
        await changes.plain_revert(twin)
        await changes.plain_regenerate(twin, new_id + "-again-p")
        await changes.plain_archive(new_id + "-again-p")
    return changes.timings()
