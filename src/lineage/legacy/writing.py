"""Writing the new nodes: projects, prompts, then assets in self-contained batches.

Each asset batch is one transaction that creates its assets, links their frames
and the attempts they regenerate, and refreshes which attempt of each touched slot
is current. Batches hold whole slots (a slot larger than two batches continues in
the next one, which waits for it), every image batch commits before any video
batch, and a few batches are written at once: whatever a batch links to is in it
or already committed, so an import cut short leaves only complete batches, which
the next import finds present.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from lineage.legacy.plan import FrameLink, PlannedAsset, PlannedNode
from lineage.legacy.report import Kind
from lineage.legacy.repository import BATCH, LegacyRepository
from lineage.legacy.storing import Progress

WRITERS = 2
KIND_ORDER = {Kind.IMAGE: 0, Kind.AUDIO: 1, Kind.MUSIC: 2, Kind.VIDEO: 3}


@dataclass
class AssetBatch:
    stage: int = 0
    continues: bool = False
    rows: list[dict[str, Any]] = field(default_factory=list)
    frames: list[dict[str, Any]] = field(default_factory=list)
    regenerations: list[dict[str, str]] = field(default_factory=list)
    slots: set[str] = field(default_factory=set)


async def write_plan(
    repository: LegacyRepository,
    nodes: list[PlannedNode],
    assets: list[PlannedAsset],
    progress: Progress,
) -> None:
    projects = [n.row for n in nodes if n.kind is Kind.PROJECT]
    prompts = [n.row for n in nodes if n.kind is not Kind.PROJECT]
    heads = await repository.slot_heads(sorted({a.slot for a in assets}))
    batches = asset_batches(assets, heads)
    progress.begin("graph", len(projects) + len(prompts) + len(assets))
    await repository.write("upsert_projects", projects, progress.advance)
    await repository.write("merge_prompts", prompts, progress.advance)
    for stage in sorted({b.stage for b in batches}):
        chains = _chains([b for b in batches if b.stage == stage])
        await _write_chains(repository, chains, progress)


async def _write_chains(
    repository: LegacyRepository, chains: list[list[AssetBatch]], progress: Progress
) -> None:
    """Write the chains side by side (at most WRITERS transactions at once), each in order."""
    writers = asyncio.Semaphore(WRITERS)

    async def write(chain: list[AssetBatch]) -> None:
        for batch in chain:
            async with writers:
                await repository.write_assets(
                    batch.rows, batch.frames, batch.regenerations, batch.slots
                )
            progress.advance(len(batch.rows))

    try:
        async with asyncio.TaskGroup() as group:
            for chain in chains:
                group.create_task(write(chain))
    except ExceptionGroup as failed:
        raise failed.exceptions[0] from None


def asset_batches(
    assets: list[PlannedAsset], heads: dict[str, tuple[str, int]], size: int = BATCH
) -> list[AssetBatch]:
    """The assets numbered after their slot's newest stored attempt, cut into batches."""
    batches = [AssetBatch()]
    for item, version, previous in _placed(assets, heads):
        batch, stage = batches[-1], int(item.kind is Kind.VIDEO)
        if batch.rows and (stage != batch.stage or _full(batch, item.slot, size)):
            batch = AssetBatch(stage=stage, continues=item.slot in batch.slots)
            batches.append(batch)
        batch.stage = stage
        batch.rows.append({"row": item.row(version), "projectCode": None, "promptIds": []})
        batch.frames += [_frame_row(item.id, frame) for frame in item.frames]
        if previous is not None:
            batch.regenerations.append({"id": item.id, "previousId": previous})
        batch.slots.add(item.slot)
    return [b for b in batches if b.rows]


def _full(batch: AssetBatch, slot: str, size: int) -> bool:
    """Cut between slots once full; inside a slot only when twice full."""
    return len(batch.rows) >= (2 * size if slot in batch.slots else size)


def _chains(batches: list[AssetBatch]) -> list[list[AssetBatch]]:
    """Batches grouped so that a batch continuing a slot follows the one it continues."""
    chains: list[list[AssetBatch]] = []
    for batch in batches:
        if batch.continues and chains:
            chains[-1].append(batch)
        else:
            chains.append([batch])
    return chains


def _placed(
    assets: list[PlannedAsset], heads: dict[str, tuple[str, int]]
) -> list[tuple[PlannedAsset, int, str | None]]:
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


def _frame_row(video_id: str, frame: FrameLink) -> dict[str, Any]:
    return {
        "videoId": video_id,
        "imageId": frame.asset_id,
        "role": frame.role,
        "position": frame.position,
    }
