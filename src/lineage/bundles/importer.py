"""Importing a bundle: check every byte, plan, then store files and write the graph.

1. `check_bundle` reads the whole tar once and writes nothing (a bad bundle is
   refused before anything is written);
2. `plan_import` compares it with the graph, still writing nothing (a project
   that exists with other content is refused, with the differences);
3. the files of new assets are stored in the catalog (read again from the tar),
   then the nodes and the edges are written in batches (existing ones left as
   they are), and orphan state is recomputed, as after a legacy import.
Importing the same bundle again finds everything present and writes nothing.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from pydantic.alias_generators import to_camel

from lineage.bundles.checking import CheckedBundle, check_bundle
from lineage.bundles.models import EDGES, FILES_PREFIX, KINDS, NODES
from lineage.bundles.planning import ImportPlan, plan_import
from lineage.bundles.provjson import slices
from lineage.bundles.repository import BundleRepository, Key
from lineage.bundles.tarstream import CHUNK, members
from lineage.db.store import Store
from lineage.files import FileStore, StoredFile
from lineage.legacy.storing import NoProgress, Progress
from lineage.orphans.tracker import recompute_all

BATCH = 2_000


@dataclass
class ImportReport:
    """What an import found and did."""

    project_code: str | None
    source_instance: str
    created: int = 0
    stubs: int = 0
    stubs_replaced: int = 0
    edges_created: int = 0
    files_stored: int = 0
    files_deduplicated: int = 0
    files_relinked: int = 0
    renamed: int = 0
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {to_camel(name): value for name, value in asdict(self).items()}


async def import_bundle(
    store: Store,
    files: FileStore,
    path: Path,
    *,
    as_code: str | None = None,
    restoring: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import the bundle at `path` (InvalidBundleError, ProjectDiffersError: nothing written)."""
    started = time.perf_counter()
    progress = progress or NoProgress()
    repository = BundleRepository(store)
    with tempfile.TemporaryDirectory(prefix="lineage-import-") as folder:
        progress.begin("verify", path.stat().st_size)
        checked = await asyncio.to_thread(_checked, path, Path(folder), progress)
        plan = await plan_import(repository, checked, as_code, restoring)
        report = ImportReport(plan.code, plan.instance, renamed=len(plan.renames))
        stored = await _store_files(files, path, checked, plan, report, progress)
        await _write_nodes(repository, checked, plan, stored, report, progress)
        await _write_edges(repository, checked, plan, report, progress)
        report.files_relinked = await repository.relink_files(
            [{"sha256": sha, **place} for sha, place in sorted(stored.items())]
        )
    await recompute_all(store)
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _checked(path: Path, folder: Path, progress: Progress) -> CheckedBundle:
    with path.open("rb") as stream:
        return check_bundle(stream, folder, progress)


async def _store_files(
    files: FileStore,
    path: Path,
    checked: CheckedBundle,
    plan: ImportPlan,
    report: ImportReport,
    progress: Progress,
) -> dict[str, dict[str, Any]]:
    """Store the files the plan needs, read again from the tar; hash -> file place."""
    stored: dict[str, dict[str, Any]] = {}
    if not plan.needed:
        return stored
    progress.begin("files", sum(checked.files[sha] for sha in plan.needed))
    with path.open("rb") as stream:
        tar = members(stream)
        while (entry := await asyncio.to_thread(next, tar, None)) is not None:
            name, reader = entry
            sha = name.removeprefix(FILES_PREFIX)
            if not name.startswith(FILES_PREFIX) or sha not in plan.needed:
                continue
            saved = await files.save(_chunks(reader, progress), checked.claims[sha])
            stored[sha] = _place(saved)
            if saved.deduplicated:
                report.files_deduplicated += 1
            else:
                report.files_stored += 1
    return stored


async def _chunks(reader: IO[bytes], progress: Progress) -> AsyncIterator[bytes]:
    while chunk := await asyncio.to_thread(reader.read, CHUNK):
        progress.advance(len(chunk))
        yield chunk


def _place(saved: StoredFile) -> dict[str, Any]:
    return {"fileRef": saved.ref, "filename": saved.filename, "url": saved.url}


async def _write_nodes(
    repository: BundleRepository,
    checked: CheckedBundle,
    plan: ImportPlan,
    stored: dict[str, dict[str, Any]],
    report: ImportReport,
    progress: Progress,
) -> None:
    counts = checked.manifest.counts
    progress.begin("nodes", sum(counts[name] for name in (*KINDS, "references")))
    for batch in slices(checked.lines(NODES), BATCH):
        rows = [_node_row(line, plan, stored) for line in batch]
        written = await repository.merge_nodes(rows)
        report.created += written["created"]
        report.stubs += written["stubs"]
        report.stubs_replaced += written["replaced"]
        progress.advance(len(rows))


def _node_row(
    line: dict[str, Any], plan: ImportPlan, stored: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    reference = bool(line.get("reference"))
    kind = line["kind"]
    node_id = line["id"] if reference else plan.node_id(kind, line["id"])
    properties = plan.properties(line, stored)
    return {
        "kind": kind,
        "id": node_id,
        "labels": line["labels"],
        "properties": properties,
        "stub": reference,
    }


async def _write_edges(
    repository: BundleRepository,
    checked: CheckedBundle,
    plan: ImportPlan,
    report: ImportReport,
    progress: Progress,
) -> None:
    progress.begin("edges", checked.manifest.counts["edges"])
    references = checked.references
    for batch in slices(checked.lines(EDGES), BATCH):
        rows = [_edge_row(edge, plan, references) for edge in batch]
        report.edges_created += await repository.merge_edges(rows)
        progress.advance(len(rows))


def _edge_row(edge: dict[str, Any], plan: ImportPlan, references: set[Key]) -> dict[str, Any]:
    target = (edge["toKind"], edge["to"])
    to_id = edge["to"] if target in references else plan.node_id(*target)
    return {
        "type": edge["type"],
        "fromKind": edge["fromKind"],
        "from": plan.node_id(edge["fromKind"], edge["from"]),
        "toKind": edge["toKind"],
        "to": to_id,
        "properties": edge.get("properties") or {},
    }
