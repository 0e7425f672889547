"""Importing a bundle: check every byte, plan, then store files and write the graph.

1. `check_bundle` reads the whole tar once and writes nothing (a bad bundle is
   refused before anything is written);
2. `plan_import` compares it with the graph, still writing nothing (a project
   that exists with other content is refused, with the differences);
3. the files of new assets are stored in the catalog (copied by the kernel from
   the tar, not hashed again while the bundle file is the one checked, in batches
   fsynced together) while the nodes, then their PART_OF edges to the project,
   then the other edges are written in batches (existing ones left as they are);
   once all files are stored, the assets are pointed at them; then the orphan state
   of the bundle's nodes and of all built from them is recomputed (not trusted from
   the bundle; no other asset's state read but their inputs'), and their projects'
   orphans counted afresh.
Importing the same bundle again finds everything present and writes nothing.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic.alias_generators import to_camel

from lineage.bundles.checking import CheckedBundle, check_bundle
from lineage.bundles.copying import check_unchanged
from lineage.bundles.models import EDGES, KINDS, NODES
from lineage.bundles.planning import ImportPlan, plan_import
from lineage.bundles.repository import BundleRepository, Key
from lineage.db.store import Store
from lineage.files import FileStore, StoredFile
from lineage.files.staging import SourceRange
from lineage.legacy.storing import NoProgress, Progress
from lineage.legacy.writing import WRITERS
from lineage.orphans.refresh import recompute_scope

BATCH = 2_000  # edges a statement (and assets placed at their files)
# Nodes a statement: the JVM's young collections copy the transaction state of the two
# writers' statements in flight; on the bench's 100k nodes its collector took 3-7.5
# Neo4j CPU s at 2,000 a statement, 1.3-2 at 1,000 (measured: docs/performance.md).
NODE_BATCH = 1_000
Line = dict[str, Any]
T = TypeVar("T")
FILE_BATCH = 32  # files stored together (copies fsynced side by side) ...
BATCHES_IN_FLIGHT = 2  # ... so many batches at a time
SEED_KINDS = ("Asset", "Prompt")  # what orphan state depends on
MEMBERSHIP_BATCH = 10_000  # PART_OF edges to the project a statement
Members = dict[str, list[str]]  # kind -> ids of new nodes that join the project


@dataclass
class WrittenNodes:
    """What the node pass wrote: the new members by kind, and the ids of the nodes whose
    orphan state the import recomputes (`_seeds`)."""

    members: Members
    seeds: list[str]


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
    files_placed: int = 0
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
        storing = asyncio.create_task(_store_files(files, path, checked, plan, report))
        try:
            written = await _write_nodes(repository, checked, plan, report, progress)
            await _write_memberships(repository, plan, written.members, progress)
            await _write_edges(repository, checked, plan, report, progress)
        finally:
            stored = await storing
        report.files_placed = await _place_files(repository, plan, stored)
    await recompute_scope(store, written.seeds, _counted_projects(plan))
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
) -> dict[str, dict[str, Any]]:
    """Store the files the plan needs while the graph is written, in batches made
    durable together (`FileStore.save_copies`): each file copied by the kernel from
    its bytes in the tar, which the check hashed, while the bundle file is the one
    checked (`copying`); hash -> file place. The graph names none of them before all
    are stored (`_place_files`)."""
    stored: dict[str, dict[str, Any]] = {}
    limit = asyncio.Semaphore(BATCHES_IN_FLIGHT)
    with path.open("rb") as bundle:
        check_unchanged(bundle, checked.identity)

        async def save(batch: list[str]) -> None:
            pieces = [(_piece(sha, checked), checked.claims[sha]) for sha in batch]
            try:
                saved = await files.save_copies(
                    bundle.fileno(), pieces, lambda: check_unchanged(bundle, checked.identity)
                )
            finally:
                limit.release()
            for sha, one in zip(batch, saved, strict=True):
                stored[sha] = _place(one)
                report.files_deduplicated += one.deduplicated
                report.files_stored += not one.deduplicated

        needed = sorted(plan.needed, key=checked.offsets.__getitem__)  # the tar's order
        async with asyncio.TaskGroup() as saving:
            for batch in batched(needed, FILE_BATCH):
                await limit.acquire()
                saving.create_task(save(batch))
    return stored


def _piece(sha: str, checked: CheckedBundle) -> SourceRange:
    return SourceRange(checked.offsets[sha], checked.files[sha], sha)


async def _place_files(
    repository: BundleRepository, plan: ImportPlan, stored: dict[str, dict[str, Any]]
) -> int:
    rows = [{"id": i, **stored[sha]} for sha, ids in sorted(plan.needed.items()) for i in ids]
    return sum([await repository.place_files(batch) for batch in batched(iter(rows))])


def _place(saved: StoredFile) -> dict[str, Any]:
    return {"fileRef": saved.ref, "filename": saved.filename, "url": saved.url}


async def _write_nodes(
    repository: BundleRepository,
    checked: CheckedBundle,
    plan: ImportPlan,
    report: ImportReport,
    progress: Progress,
) -> WrittenNodes:
    """New nodes are created; those found here and outside references are merged (a
    stub when absent). The ids of the new nodes that join the project (kind -> ids),
    which `_write_memberships` makes part of it once every node is written, and of the
    nodes whose orphan state the import recomputes (assets and prompts of the bundle's
    own: new, found here, or replacing a stub, found edges may have been added to)."""
    counts = checked.manifest.counts
    progress.begin("nodes", sum(counts[name] for name in (*KINDS, "references")))
    written = WrittenNodes(defaultdict(list), [])

    async def write(batch: list[Line]) -> None:
        new = [line for line in batch if _is_new(line, plan)]
        # each count is awaited before it is added: `report.created += await ...` would
        # read the count before the statement and lose the other writer's batches
        rows = [_new_row(line, plan) for line in new]
        created = await repository.create_nodes(rows) if rows else 0
        report.created += created
        for line in new:
            if _is_member(line, plan):
                written.members[line["kind"]].append(plan.node_id(line["kind"], line["id"]))
        written.seeds.extend(_seeds(batch, plan))
        others = [_node_row(line, plan) for line in batch if not _is_new(line, plan)]
        if others:
            merged = await repository.merge_nodes(others)
            report.created += merged["created"]
            report.stubs += merged["stubs"]
            report.stubs_replaced += merged["replaced"]
        progress.advance(len(batch))

    await _each_batch(batched(checked.lines(NODES), NODE_BATCH), write)
    return written


def _counted_projects(plan: ImportPlan) -> list[str]:
    """The projects whose orphans are counted afresh besides those of the recomputed
    assets: the bundle's, under its own code and the one it is imported as (its
    node may be new while assets of its code are here, or a stub made real may have
    moved out of it)."""
    return [code for code in (plan.code, plan.original) if code]


def _seeds(batch: list[Line], plan: ImportPlan) -> Iterator[str]:
    """The ids here of the batch's assets and prompts, whose orphan state the import
    recomputes with all built from them: its own, and its outside references, stubs it
    makes (written without the state the bundle carries) or nodes found here (an edge
    it adds may change theirs: a prompt of the bundle revising one, say)."""
    for line in batch:
        kind, node_id = line["kind"], line["id"]
        if kind in SEED_KINDS:
            yield node_id if line.get("reference") else plan.node_id(kind, node_id)


async def _write_memberships(
    repository: BundleRepository, plan: ImportPlan, members: Members, progress: Progress
) -> None:
    """The PART_OF edge of each new member to the project, `MEMBERSHIP_BATCH` a
    statement by one writer: every one of them ends at the project's node (written
    beside each node by two writers, they cost Neo4j about 1-3 CPU s more on 100k
    nodes, measured)."""
    if plan.code is None or not members:
        return
    progress.begin("members", sum(len(ids) for ids in members.values()))
    for kind, ids in members.items():
        for batch in batched(ids, MEMBERSHIP_BATCH):
            await repository.create_memberships(plan.code, {kind: batch})
            progress.advance(len(batch))


async def _each_batch(
    batches: Iterator[list[Line]], write: Callable[[list[Line]], Awaitable[None]]
) -> None:
    """`write` every batch, `WRITERS` at a time, as the legacy importer writes."""

    async def writer() -> None:
        for batch in batches:
            await write(batch)

    async with asyncio.TaskGroup() as writing:
        for _ in range(WRITERS):
            writing.create_task(writer())


def _is_new(line: dict[str, Any], plan: ImportPlan) -> bool:
    return not line.get("reference") and plan.is_new(line["kind"], line["id"])


def _is_member(line: Line, plan: ImportPlan) -> bool:
    """Whether a new node joins the project (gets its PART_OF edge)."""
    return plan.whole_project and line["kind"] != "Project"


def _new_row(line: Line, plan: ImportPlan) -> dict[str, Any]:
    return {"labels": line["labels"], "properties": plan.properties(line)}


def _node_row(line: dict[str, Any], plan: ImportPlan) -> dict[str, Any]:
    reference = bool(line.get("reference"))
    kind = line["kind"]
    node_id = line["id"] if reference else plan.node_id(kind, line["id"])
    properties = plan.properties(line)
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
    """Edges leaving new nodes are created without looking (their PART_OF edge to the
    project exists already); the others (those leaving nodes found here, or outside
    references) only where they are missing."""
    progress.begin("edges", checked.manifest.counts["edges"])

    async def write(batch: list[Line]) -> None:
        fresh = [e for e in batch if _leaves_new(e, plan, checked.references)]
        if plan.whole_project:
            fresh = [e for e in fresh if e["type"] != "PART_OF" or e["toKind"] != "Project"]
        found = [e for e in batch if not _leaves_new(e, plan, checked.references)]
        created = await _create_fresh(repository, plan, checked.references, fresh)
        if found:
            rows = [_edge_row(edge, plan, checked.references) for edge in found]
            created += await repository.merge_edges(rows, fresh=False)
        report.edges_created += created
        progress.advance(len(batch))

    await _each_batch(batched(checked.lines(EDGES), BATCH), write)


def _leaves_new(edge: Line, plan: ImportPlan, references: set[Key]) -> bool:
    """Whether an edge leaves a node this import creates (not an outside reference,
    whose edges may be here already, from an earlier import or its own project's)."""
    start = (edge["fromKind"], edge["from"])
    return start not in references and plan.is_new(*start)


async def _create_fresh(
    repository: BundleRepository, plan: ImportPlan, references: set[Key], edges: list[Line]
) -> int:
    """Edges leaving new nodes: between two assets (most of them) by one seek an end."""
    rows = [_edge_row(edge, plan, references) for edge in edges]
    between = [row for row in rows if row["fromKind"] == row["toKind"] == "Asset"]
    others = [row for row in rows if not row["fromKind"] == row["toKind"] == "Asset"]
    created = await repository.create_asset_edges(between) if between else 0
    return created + (await repository.merge_edges(others, fresh=True) if others else 0)


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


def batched(items: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
