"""Writing the new nodes: projects, prompts, then assets in self-contained batches.

Each asset batch is one transaction that creates its assets with their frames and
the attempts they regenerate, and refreshes which attempt of each touched slot is
current. A batch holds whole slots, so batches of one stage depend on nothing but
earlier stages: images first, then everything else (videos use images as frames).
Within a stage, `WRITERS` batches are written at a time: Neo4j spends a core on each
transaction, and two writers import about 1.4x faster than one on this 2-core
machine. An import cut short leaves only complete batches, which the next import
finds present (and continues their slots after the newest attempt stored). The
files of the batches ahead are stored (threads, fsyncs) while batches are written,
batches with the fewest files first.
"""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any

from lineage.bulk import paused_gc
from lineage.legacy.plan import FrameLink, PlannedAsset, PlannedNode
from lineage.legacy.report import Kind
from lineage.legacy.repository import BATCH, LegacyRepository
from lineage.legacy.storing import Progress

WRITERS = 2
STAGE_OF = {Kind.IMAGE: 0, Kind.AUDIO: 1, Kind.MUSIC: 1, Kind.VIDEO: 1}
Placed = tuple[PlannedAsset, int, str | None]  # an asset, its version, the attempt it regenerates
Prepare = Callable[[list[PlannedAsset]], Awaitable[None]]


@dataclass
class AssetBatch:
    rows: list[dict[str, Any]] = field(default_factory=list)
    slot_keys: set[str] = field(default_factory=set)


@dataclass
class Chunk:
    """Placed assets written in one transaction, and whether their files are stored."""

    placed: list[Placed]
    stored: asyncio.Future[None]


async def write_plan(
    repository: LegacyRepository,
    nodes: list[PlannedNode],
    assets: list[PlannedAsset],
    progress: Progress,
    prepare: Prepare,
) -> float:
    """Write the nodes; `prepare` (storing a batch's files) runs batch by batch, ahead
    of the writers, which wait only for the batch they write. The seconds during
    which every writer waited."""
    projects = [n.row for n in nodes if n.kind is Kind.PROJECT]
    prompts = [n.row for n in nodes if n.kind is not Kind.PROJECT]
    heads = await repository.slot_heads(sorted({a.slot_key for a in assets}))
    progress.begin("graph", len(projects) + len(prompts) + len(assets))
    await repository.write("legacy/upsert_projects", projects, progress.advance)
    await repository.write("legacy/merge_prompts", prompts, progress.advance)
    stages = slot_whole_chunks(_placed(assets, heads), BATCH)
    return await _write_assets(repository, stages, progress, prepare)


async def _write_assets(
    repository: LegacyRepository,
    stages: list[list[list[Placed]]],
    progress: Progress,
    prepare: Prepare,
) -> float:
    loop = asyncio.get_running_loop()
    chunked = [
        [Chunk(placed, loop.create_future()) for placed in sorted(stage, key=_files_in)]
        for stage in stages
    ]
    preparing = asyncio.create_task(_prepare_in_order(chunked, prepare))
    waits = WaitClock(WRITERS)
    try:
        for stage in chunked:
            queue = iter(stage)
            writers = [_writer(repository, queue, waits, progress) for _ in range(WRITERS)]
            await _all_or_none(writers)
    finally:
        preparing.cancel()
    return waits.total


def _files_in(placed: list[Placed]) -> int:
    """How many files a chunk waits for: chunks with fewer go first, so the writers
    have work while the files of the others are stored."""
    return sum(1 for item, _, _ in placed if item.has_bytes)


async def _writer(
    repository: LegacyRepository, queue: Iterator[Chunk], waits: WaitClock, progress: Progress
) -> None:
    """Take the next chunk of the stage (shared with the other writers) until none is left."""
    for chunk in queue:
        with waits.waiting():
            await chunk.stored
        batch = asset_batch(chunk.placed)
        await repository.write_assets(batch.rows, batch.slot_keys)
        progress.advance(len(batch.rows))


async def _all_or_none(jobs: list[Coroutine[Any, Any, None]]) -> None:
    """Run the jobs together; when one fails, cancel the others and raise its error."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


class WaitClock:
    """Wall time during which all of `writers` waited at once (for files)."""

    def __init__(self, writers: int) -> None:
        self.writers = writers
        self.waiting_now = 0
        self.since = 0.0
        self.total = 0.0

    def waiting(self) -> _Waiting:
        return _Waiting(self)


class _Waiting:
    def __init__(self, clock: WaitClock) -> None:
        self.clock = clock

    def __enter__(self) -> None:
        clock = self.clock
        clock.waiting_now += 1
        if clock.waiting_now == clock.writers:
            clock.since = time.perf_counter()

    def __exit__(self, *_: object) -> None:
        clock = self.clock
        if clock.waiting_now == clock.writers:
            clock.total += time.perf_counter() - clock.since
        clock.waiting_now -= 1


async def _prepare_in_order(stages: list[list[Chunk]], prepare: Prepare) -> None:
    """`prepare` each chunk in turn, ahead of the writers, marking each one stored."""
    for chunk in (chunk for stage in stages for chunk in stage):
        try:
            await prepare([item for item, _, _ in chunk.placed])
        except Exception as exc:
            chunk.stored.set_exception(exc)
            return
        chunk.stored.set_result(None)


def slot_whole_chunks(placed: list[Placed], size: int) -> list[list[list[Placed]]]:
    """The placed assets (in stage order) as stages of chunks of about `size` that never
    split a slot, so the chunks of a stage can be written in any order."""
    stages: dict[int, list[list[Placed]]] = defaultdict(list)
    for entry in placed:
        item = entry[0]
        chunks = stages[STAGE_OF[item.kind]]
        if not chunks or (len(chunks[-1]) >= size and chunks[-1][-1][0].slot_key != item.slot_key):
            chunks.append([])
        chunks[-1].append(entry)
    return [stages[stage] for stage in sorted(stages)]


def batches_into_empty_graph(assets: list[PlannedAsset]) -> list[list[AssetBatch]]:
    """The batches, by stage, that importing `assets` into an empty graph writes
    (`lineage bench-import` writes them with the plainest Cypher, as its floor)."""
    stages = slot_whole_chunks(_placed(assets, {}), BATCH)
    return [[asset_batch(chunk) for chunk in stage] for stage in stages]


def asset_batch(chunk: list[Placed]) -> AssetBatch:
    """The rows of placed assets (built with the cyclic GC paused: see `paused_gc`)."""
    batch = AssetBatch()
    with paused_gc():
        for item, version, previous in chunk:
            batch.rows.append(_asset_row(item, version, previous))
            batch.slot_keys.add(item.slot_key)
    return batch


def _placed(assets: list[PlannedAsset], heads: dict[str, tuple[str, int]]) -> list[Placed]:
    """(asset, version, attempt it regenerates), by stage, slot and version."""
    by_slot: dict[str, list[PlannedAsset]] = defaultdict(list)
    for item in assets:
        by_slot[item.slot_key].append(item)
    placed = []
    for key, chain in by_slot.items():
        previous, version = heads.get(key, (None, 0))
        for item in sorted(chain, key=lambda a: (str(a.gen.created_at), a.legacy_id)):
            version += 1
            placed.append((item, version, previous))
            previous = item.id
    placed.sort(key=lambda p: (STAGE_OF[p[0].kind], p[0].slot_key, p[1]))
    return placed


def _asset_row(item: PlannedAsset, version: int, previous: str | None) -> dict[str, Any]:
    """A row of `create_assets`: the node's properties, its frames, the attempt it regenerates."""
    frames = [_frame_row(frame) for frame in item.frames]
    return {"row": item.row(version), "previousId": previous, "frames": frames}


def _frame_row(frame: FrameLink) -> dict[str, Any]:
    return {"imageId": frame.asset_id, "role": frame.role, "position": frame.position}
