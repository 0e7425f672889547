"""`lineage bench-import`: the importer measured on generated legacy folders.

Two measurements: assets imported per second on a tree of N records (and the
idempotent re-import of it), after a warm-up import of a smaller tree (a freshly
started Neo4j compiles its queries and code on first use: its first import runs
about 1.6x slower; the warm-up's own rate is reported too), next to the floor
measured in the same run (the same assets and edges written by the plainest
Cypher through the driver, nothing else), and the peak memory
of importing a music index of at least 100 MB of base64, in a fresh process.
Both run against a dedicated local Neo4j (`bench-import` on ports 7693/7480),
wiped first, never the `dev` one; with NEO4J_URI set they refuse unless
`--wipe-ok`.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from lineage.bench.database import WipeOk, bench_database, dedicated
from lineage.bench.generate import wipe
from lineage.bench.memprobe import run_probe
from lineage.bench.synthetic import TreeShape, write_music_index, write_tree
from lineage.bulk import paused_gc
from lineage.console import clear_errors, err, out
from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.legacy.folder import open_folder
from lineage.legacy.importer import import_legacy, plan_folder
from lineage.legacy.render import ProgressBar
from lineage.legacy.report import ImportReport, Tally
from lineage.legacy.repository import LegacyRepository
from lineage.legacy.writing import WRITERS, AssetBatch, batches_into_empty_graph
from lineage.runtime import open_store
from lineage.settings import Settings
from lineage.upgrades import migrate

WARMUP_RECORDS = 10_000
BENCH_INSTANCE = "bench-import"
BENCH_BOLT_PORT, BENCH_HTTP_PORT = 7693, 7480


@clear_errors
def bench_import(
    records: Annotated[int, typer.Option(help="Legacy records in the generated tree.")] = 100_000,
    files: Annotated[int, typer.Option(help="How many of them carry bytes on disk.")] = 1_000,
    memory_mb: Annotated[int, typer.Option(help="MB of base64 in the memory test.")] = 100,
    track_mb: Annotated[float, typer.Option(help="MB of audio per track there.")] = 2.0,
    skip_memory: Annotated[bool, typer.Option(help="Skip the memory measurement.")] = False,
    wipe_ok: WipeOk = False,
) -> None:
    """Benchmark the legacy importer (assets/s on N records, peak memory on a big index)."""
    instance = dedicated(BENCH_INSTANCE, BENCH_BOLT_PORT, BENCH_HTTP_PORT)
    with bench_database(wipe_ok, instance, err) as settings, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        err.print(f"Generating a legacy tree of {records} records in {work} ...")
        shape = write_tree(work / "tree", records, files)
        write_tree(work / "warm-up", min(WARMUP_RECORDS, records), files // 10)
        runs = asyncio.run(_timed_imports(settings, work))
        floor = asyncio.run(write_plainly(settings, work / "tree"))
        out.print(_import_table(shape, *runs, floor))
        if not skip_memory:
            out.print(_memory_table(_memory(settings, work, memory_mb, track_mb), memory_mb))


async def _timed_imports(
    settings: Settings, work: Path
) -> tuple[ImportReport, ImportReport, ImportReport]:
    """The warm-up import, the measured one, and its re-import, each on an empty graph
    but the last."""
    async with open_store(settings) as store:
        await migrate(store)
        await wipe(store)
        warm_up = await import_legacy(
            store, LocalFileStore(work / "warm-up-store"), work / "warm-up"
        )
        await wipe(store)
        files = LocalFileStore(work / "store")
        with ProgressBar(err) as progress:
            first = await import_legacy(store, files, work / "tree", progress=progress)
        again = await import_legacy(store, files, work / "tree")
    return warm_up, first, again


async def write_plainly(settings: Settings, tree: Path) -> float:
    """Seconds the plainest Cypher takes to write the import's assets and their frame
    and regeneration edges into an empty graph: the rows planned from `tree` (built
    before the clock starts), written by `LegacyRepository.create_assets`, as many
    batches at a time as the importer. No files, prompts, current flags or orphan
    states: what Neo4j itself needs, the floor of the graph phase."""
    folder = open_folder(tree)
    with paused_gc():
        stages = batches_into_empty_graph(plan_folder(folder, Tally(folder.root)).assets)
    async with open_store(settings) as store:
        await wipe(store)
        started = time.perf_counter()
        for stage in stages:
            queue = iter(stage)
            await asyncio.gather(*(_plain_writer(store, queue) for _ in range(WRITERS)))
        return time.perf_counter() - started


async def _plain_writer(store: Store, queue: Iterator[AssetBatch]) -> None:
    repository = LegacyRepository(store)
    for batch in queue:
        await repository.create_assets(batch.rows)


def _memory(settings: Settings, work: Path, megabytes: int, track_mb: float) -> dict[str, Any]:
    """Import a generated music index in a fresh process; its peak RSS and more."""
    err.print(f"Generating a music index with {megabytes} MB of base64 ...")
    tracks = write_music_index(work / "memory" / "music-library", megabytes, track_mb)
    asyncio.run(_wipe(settings))
    result = run_probe(settings, work / "memory", work / "memstore", timeout_s=1800)
    index = work / "memory" / "music-library" / "index.json"
    return {**result, "indexMb": round(index.stat().st_size / 2**20, 1), "generated": tracks}


async def _wipe(settings: Settings) -> None:
    async with open_store(settings) as store:
        await wipe(store)


def _import_table(
    shape: TreeShape,
    warm_up: ImportReport,
    first: ImportReport,
    again: ImportReport,
    floor_s: float,
) -> Table:
    assets = _assets_created(first)
    graph = first.phases.get("graph", 0.0) or 1e-9
    shown = f"{shape.shots} / {shape.videos} / {shape.tracks}"
    return _table(
        f"Legacy import of {shape.records} generated records",
        [
            ("records (shots / video attempts / tracks)", shown),
            ("records with bytes (on disk or inline)", str(shape.files)),
            ("assets created", str(assets)),
            (
                "files stored (+ deduplicated)",
                f"{first.files_stored} (+{first.files_deduplicated})",
            ),
            ("import time, s", f"{first.seconds:.2f}"),
            ("phases, s", ", ".join(f"{k} {v:.2f}" for k, v in first.phases.items())),
            ("assets imported per second (whole import)", f"{assets / first.seconds:,.0f}"),
            ("assets written per second (graph phase)", f"{assets / graph:,.0f}"),
            (
                "plain Cypher floor: the same assets and edges, driver only, assets/s",
                f"{assets / floor_s:,.0f} ({floor_s:.2f} s)",
            ),
            (
                "import / floor, whole import (graph phase)",
                f"{first.seconds / floor_s:.2f}x ({graph / floor_s:.2f}x)",
            ),
            ("re-import of the same tree, s", f"{again.seconds:.2f} ({again.created} created)"),
            (
                f"warm-up before it: {_assets_created(warm_up):,} assets, assets/s",
                f"{_assets_created(warm_up) / warm_up.seconds:,.0f}",
            ),
        ],
    )


def _assets_created(report: ImportReport) -> int:
    return sum(c.created for k, c in report.counts.items() if k.value in _ASSET_KINDS)


def _memory_table(memory: dict[str, Any], megabytes: int) -> Table:
    return _table(
        f"Peak memory importing a music index of >= {megabytes} MB of base64",
        [
            ("index size, MB", f"{memory['indexMb']}"),
            ("tracks imported", f"{memory['tracks']:.0f} of {memory['generated']:.0f}"),
            ("RSS before the import, MB", f"{memory['baselineRssMb']}"),
            ("peak RSS of the importing process, MB", f"{memory['peakRssMb']}"),
            ("music import time, s", f"{memory['seconds']:.2f}"),
        ],
    )


def _table(title: str, rows: list[tuple[str, str]]) -> Table:
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for measure, value in rows:
        table.add_row(measure, value)
    return table


_ASSET_KINDS = {"image", "video", "music", "audio"}
