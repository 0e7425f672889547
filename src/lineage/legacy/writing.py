"""Writing the new nodes: projects, prompts, then assets in self-contained batches.

Each asset batch is one transaction that creates its assets with their frames and
the attempts they regenerate, and refreshes which attempt of each touched slot is
current. Batches are written one after another, images first: whatever a batch
links to is in it or already committed, so an import cut short leaves only
complete batches, which the next import finds present (and continues their slots
after the newest attempt stored). One writer at a time: on the benchmark, two
concurrent writers were no faster, Neo4j's commits being the bottleneck; instead
the files of the batches ahead are stored (threads, fsyncs) while a batch is written.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from lineage.bulk import paused_gc
from lineage.legacy.plan import FrameLink, PlannedAsset, PlannedNode
from lineage.legacy.report import Kind
from lineage.legacy.repository import BATCH, LegacyRepository
from lineage.legacy.storing import Progress

KIND_ORDER = {Kind.IMAGE: 0, Kind.AUDIO: 1, Kind.MUSIC: 2, Kind.VIDEO: 3}
Placed = tuple[PlannedAsset, int, str | None]  # an asset, its version, the attempt it regenerates


Prepare = Callable[[list[PlannedAsset]], Awaitable[None]]


@dataclass
class AssetBatch:
    rows: list[dict[str, Any]] = field(default_factory=list)
    slots: set[str] = field(default_factory=set)


async def write_plan(
    repository: LegacyRepository,
    nodes: list[PlannedNode],
    assets: list[PlannedAsset],
    progress: Progress,
    prepare: Prepare,
) -> float:
    """Write the nodes; `prepare` (storing a batch's files) runs batch by batch, ahead
    of the writer, which waits only for the batch it writes. The seconds it waited."""
    projects = [n.row for n in nodes if n.kind is Kind.PROJECT]
    prompts = [n.row for n in nodes if n.kind is not Kind.PROJECT]
    heads = await repository.slot_heads(sorted({a.slot for a in assets}))
    progress.begin("graph", len(projects) + len(prompts) + len(assets))
    await repository.write("upsert_projects", projects, progress.advance)
    await repository.write("merge_prompts", prompts, progress.advance)
    chunks = _chunks(_placed(assets, heads), BATCH)
    return await _write_assets(repository, chunks, progress, prepare)


async def _write_assets(
    repository: LegacyRepository, chunks: list[list[Placed]], progress: Progress, prepare: Prepare
) -> float:
    loop = asyncio.get_running_loop()
    ready: list[asyncio.Future[None]] = [loop.create_future() for _ in chunks]
    preparing = asyncio.create_task(_prepare_in_order(chunks, ready, prepare))
    waited = 0.0
    try:
        for chunk, prepared in zip(chunks, ready, strict=True):
            started = time.perf_counter()
            await prepared
            waited += time.perf_counter() - started
            batch = asset_batch(chunk)
            await repository.write_assets(batch.rows, batch.slots)
            progress.advance(len(batch.rows))
    finally:
        preparing.cancel()
    return waited


async def _prepare_in_order(
    chunks: list[list[Placed]], ready: list[asyncio.Future[None]], prepare: Prepare
) -> None:
    """`prepare` each chunk in turn, ahead of the writer, marking each one ready."""
    for chunk, prepared in zip(chunks, ready, strict=True):
        try:
            await prepare([item for item, _, _ in chunk])
        except Exception as exc:
            prepared.set_exception(exc)
            return
        prepared.set_result(None)


def _chunks(placed: list[Placed], size: int) -> list[list[Placed]]:
    return [placed[start : start + size] for start in range(0, len(placed), size)]


def asset_batch(chunk: list[Placed]) -> AssetBatch:
    """The rows of placed assets (built with the cyclic GC paused: see `paused_gc`)."""
    batch = AssetBatch()
    with paused_gc():
        for item, version, previous in chunk:
            batch.rows.append(_asset_row(item, version, previous))
            batch.slots.add(item.slot)
    return batch


def _placed(assets: list[PlannedAsset], heads: dict[str, tuple[str, int]]) -> list[Placed]:
    """(asset, version, attempt it regenerates), images first, slots in version order."""
    by_slot: dict[str, list[PlannedAsset]] = defaultdict(list)
    for item in assets:
        by_slot[item.slot].append(item)
    placed = []
    for slot, chain in by_slot.items():
        previous, version = heads.get(slot, (None, 0))
        for item in sorted(chain, key=lambda a: (str(a.gen.created_at), a.legacy_id)):
            version += 1
            placed.append((item, version, previous))
            previous = item.id
    placed.sort(key=lambda p: (KIND_ORDER[p[0].kind], p[0].slot, p[1]))
    return placed


def _asset_row(item: PlannedAsset, version: int, previous: str | None) -> dict[str, Any]:
    """A row of `create_assets`: the node's properties, its frames, the attempt it regenerates."""
    frames = [_frame_row(frame) for frame in item.frames]
    return {"row": item.row(version), "previousId": previous, "frames": frames}


def _frame_row(frame: FrameLink) -> dict[str, Any]:
    return {"imageId": frame.asset_id, "role": frame.role, "position": frame.position}
