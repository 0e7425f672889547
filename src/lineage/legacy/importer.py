"""Importing a legacy folder: plan every record, skip what the graph already has,
store the new files, write the new nodes and edges in batches, then `finish_import`.

Ids are derived from the legacy records, so a second import of the same folder
finds everything present and writes nothing; a folder that grew adds only the new
records, whose attempts are appended to their slots after the newest one stored.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lineage.assets.slots import legacy_namespace
from lineage.bulk import paused_gc
from lineage.db.store import Store
from lineage.files import FileStore
from lineage.legacy.folder import LegacyFolder, media_files, open_folder
from lineage.legacy.jsonfiles import MalformedJson
from lineage.legacy.media import plan_loose_media, plan_shots, plan_videos
from lineage.legacy.music import plan_music
from lineage.legacy.plan import PlannedAsset, PlannedNode, read_document
from lineage.legacy.projects import plan_projects
from lineage.legacy.report import ImportReport, Kind, Problem, Tally
from lineage.legacy.repository import LegacyRepository
from lineage.legacy.storing import NoProgress, Progress, store_files
from lineage.legacy.writing import write_plan
from lineage.orphans.refresh import recompute_all


@dataclass
class Plan:
    nodes: list[PlannedNode]
    assets: list[PlannedAsset]


async def import_legacy(
    store: Store,
    files: FileStore | None,
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the FliGen folder at `path` (NotAFliGenFolderError if it is none).

    A dry run reads the folder and the graph, and writes nothing (no file store needed).
    """
    started = time.perf_counter()
    folder = open_folder(path)
    if not dry_run and files is None:
        raise ValueError("an import that writes needs a file store")
    tally = Tally(folder.root)
    with paused_gc():
        plan = plan_folder(folder, tally)
    tally.lap("read")
    gc.freeze()  # the plan lives as long as the import: keep it out of the collector's passes
    try:
        writes = None if dry_run else files
        await _import_plan(store, writes, folder, plan, tally, progress or NoProgress())
    finally:
        gc.unfreeze()
    return tally.finish(dry_run, time.perf_counter() - started)


async def _import_plan(
    store: Store,
    files: FileStore | None,
    folder: LegacyFolder,
    plan: Plan,
    tally: Tally,
    progress: Progress,
) -> None:
    """Write what the graph lacks (unless `files` is None: a dry run), then report."""
    repository = LegacyRepository(store)
    nodes, assets, hashes = await _new_only(repository, plan, tally)
    tally.lap("lookup")
    if files is not None:
        await _write(repository, nodes, assets, folder, files, tally, progress)
        await finish_import(store)
        tally.lap("finish")
    _report_duplicates(plan.assets, hashes, tally)


async def _write(
    repository: LegacyRepository,
    nodes: list[PlannedNode],
    assets: list[PlannedAsset],
    folder: LegacyFolder,
    files: FileStore,
    tally: Tally,
    progress: Progress,
) -> None:
    """Files and graph, a batch at a time: a batch's files are stored while the one
    before it is written. Phases: `files` is the time spent waiting for files only."""

    async def prepare(items: list[PlannedAsset]) -> None:
        await store_files(items, folder, files, tally, NoProgress())

    waited = await write_plan(repository, nodes, assets, progress, prepare)
    tally.lap("graph", excluding=waited)
    tally.phases["files"] = round(waited, 3)


async def finish_import(store: Store) -> None:
    """Runs once after every write of an import, before the report.

    The place for whole-graph work that depends on the imported nodes: orphan
    states are recomputed from scratch (lost files break assets, superseded
    attempts make their consumers stale), even when nothing was written: an import
    cut short after its writes is finished by the next.
    """
    await recompute_all(store)


def plan_folder(folder: LegacyFolder, tally: Tally) -> Plan:
    """Every valid record of the folder as a planned node or asset (anomalies reported)."""
    nodes = plan_projects(folder, tally)
    shots = _indexed(
        folder, folder.shot_index, "shots", tally, lambda r: plan_shots(r, folder, tally)
    )
    frames = {s.legacy_id: s.id for s in sorted(shots, key=lambda s: str(s.gen.created_at))}
    videos = _indexed(
        folder, folder.video_index, "videos", tally, lambda r: plan_videos(r, frames, folder, tally)
    )
    music = _music(folder, tally)
    assets = _unique([*shots, *videos, *music, *plan_loose_media(folder, tally)], tally)
    namespace = legacy_namespace(folder.root)
    for item in assets:
        item.namespace = namespace
    return Plan(nodes=_unique_nodes(nodes), assets=assets)


def _indexed(
    folder: LegacyFolder, index: Path, key: str, tally: Tally, plan: Any
) -> list[PlannedAsset]:
    if not index.is_file() or not folder.admits(index, tally):
        return []
    records = read_document(index, key, tally)
    if records is None:
        return []
    planned: list[PlannedAsset] = plan(records)
    _report_unindexed(index, planned, tally)
    return planned


def _music(folder: LegacyFolder, tally: Tally) -> list[PlannedAsset]:
    if not folder.music_index.is_file() or not folder.admits(folder.music_index, tally):
        return []
    try:
        planned = plan_music(folder, tally)
    except MalformedJson as bad:
        where = folder.music_index
        tally.add(Problem.MALFORMED_JSON, where, bad.reason, line=bad.line, column=bad.column)
        return []
    _report_unindexed(folder.music_index, planned, tally)
    return planned


def _report_unindexed(index: Path, planned: list[PlannedAsset], tally: Tally) -> None:
    named = {str(item.gen.params.get("filename")) for item in planned}
    for path in media_files(index):
        if path.name not in named:
            message = f"{path.name} is not named by any record of {index.name}; not imported"
            tally.add(Problem.UNINDEXED_FILE, path, message)


def _unique(assets: list[PlannedAsset], tally: Tally) -> list[PlannedAsset]:
    """One planned asset per id: a record repeated word for word is imported once."""
    seen: dict[str, PlannedAsset] = {}
    for item in assets:
        if item.id in seen:
            message = (
                f"{item.legacy_id} appears more than once with the same content; imported once"
            )
            tally.add(Problem.DUPLICATE, item.where, message, item.legacy_id)
            continue
        seen[item.id] = item
    return list(seen.values())


def _unique_nodes(nodes: list[PlannedNode]) -> list[PlannedNode]:
    return list({node.id: node for node in nodes}.values())


async def _new_only(
    repository: LegacyRepository, plan: Plan, tally: Tally
) -> tuple[list[PlannedNode], list[PlannedAsset], dict[str, str | None]]:
    """The planned nodes and assets not yet in the graph (counted either way)."""
    projects = await repository.existing_projects(
        [n.id for n in plan.nodes if n.kind is Kind.PROJECT]
    )
    prompts = await repository.existing_prompts(
        [n.id for n in plan.nodes if n.kind is not Kind.PROJECT]
    )
    hashes = await repository.existing_assets([a.id for a in plan.assets])
    present = projects | prompts | set(hashes)
    for item_id, kind in [
        *((n.id, n.kind) for n in plan.nodes),
        *((a.id, a.kind) for a in plan.assets),
    ]:
        counter = tally.present if item_id in present else tally.created
        counter[kind] += 1
    nodes = [n for n in plan.nodes if n.id not in present]
    return nodes, [a for a in plan.assets if a.id not in hashes], hashes


def _report_duplicates(
    assets: list[PlannedAsset], hashes: dict[str, str | None], tally: Tally
) -> None:
    """Records whose bytes are another record's: the catalog holds them once."""
    first: dict[str, PlannedAsset] = {}
    for item in assets:
        sha = item.gen.file_sha256 or hashes.get(item.id)
        if sha is None:
            continue
        if sha in first:
            original = first[sha]
            message = (
                f"{item.legacy_id} has the same bytes as {original.legacy_id}; "
                "the catalog holds one file for both"
            )
            tally.add(Problem.DUPLICATE, item.where, message, item.legacy_id)
        else:
            first[sha] = item
