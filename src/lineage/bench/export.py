"""`lineage bench-export`: exporting and importing a generated 100k-asset project, with
the ratios the issue aims at, each against a floor measured in the same run:

- export vs `tar` of the same files (the project's catalog files into one tar). The
  files are read once first (both sides read them from the page cache); the export
  runs first on its own (Neo4j's first read of the project, as after writing it), then
  the export's floor (`bench.exportfloor`: the plainest read of the graph and the
  files' hashing and copying, alone and side by side); then `tar` and the export, Neo4j
  warm, `ROUNDS` times each in turn, the side going first alternating, each writing a
  new file in the same folder and removing it at once, compared by their p50s. Each
  export and each timed `tar` starts after a pause of `SETTLE_S`: most of `tar`'s CPU
  is the kernel giving its output new page-cache pages, and what a new page costs
  depends on when its memory was freed (this VM hands freed memory back to its host;
  figures in docs/performance.md). The pause evens that out only roughly, and with
  an odd `ROUNDS` the side going first is `tar` once more than the export;
- import vs the legacy importer's floor (`bench.imports.write_plainly`: the same
  assets and edges written by the plainest Cypher, nothing else), each run twice into
  an empty graph and the second run compared: Neo4j's JVM compiles a statement's code
  paths on its first runs (right after a restart the import's first run cost it 2.3-2.5x
  the CPU of its second, measured), so both sides are compared warm; the first runs are
  printed too;
- peak memory of each, in a fresh process.

The project is a synthetic legacy tree (`bench.synthetic.write_tree`), imported
by the legacy importer and gathered into its one project. It runs against a
dedicated local Neo4j (`bench-export`, ports 7712/7502), wiped first.
"""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.table import Table

from lineage.bench.bundleprobe import run_probe
from lineage.bench.database import WipeOk, bench_database, dedicated
from lineage.bench.exportfloor import measure_floors
from lineage.bench.generate import auto_commit, wipe
from lineage.bench.imports import write_plainly
from lineage.bench.synthetic import STUDIO, TINY, write_tree
from lineage.bench.turns import alternated, p50s
from lineage.console import clear_errors, err, out
from lineage.files import LocalFileStore
from lineage.legacy.importer import import_legacy
from lineage.localdb.server import LocalNeo4j
from lineage.orphans.refresh import recompute_all
from lineage.runtime import open_store
from lineage.settings import Settings
from lineage.upgrades import migrate

PROJECT = "BENCH-001"  # the project folder write_tree makes
INSTANCE, BOLT_PORT, HTTP_PORT = "bench-export", 7712, 7502
P = ParamSpec("P")
R = TypeVar("R")
ROUNDS = 3  # tar and the warm export, each this many times in turn
SETTLE_S = 10.0  # the pause before each timed tar or export (see the module's docstring)


@clear_errors
def bench_export(
    records: Annotated[int, typer.Option(help="Assets in the generated project.")] = 100_000,
    files: Annotated[int, typer.Option(help="How many of them carry a file.")] = 20_000,
    studio: Annotated[
        bool,
        typer.Option(
            help="Files of the studio's sizes (images 2 MB, music 4 MB, videos 16 MB) instead "
            "of 1-2 KB; with --files 400 the files weigh about 2.4 GB (the run writes them "
            "about a dozen times, the timed copies removed at once: mind the free disk)."
        ),
    ] = False,
    wipe_ok: WipeOk = False,
) -> None:
    """Benchmark export and import of a project against tar and the importer's floor."""
    instance = dedicated(INSTANCE, BOLT_PORT, HTTP_PORT)
    with bench_database(wipe_ok, instance, err) as settings, tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        err.print(f"Generating a project of {records} assets ({files} with files) in {work} ...")
        write_tree(work / "tree", records, files, STUDIO if studio else TINY)
        assets = asyncio.run(_recorded_project(settings, work))
        figures = _measure(settings, work, _server_pid(settings, instance))
        figures["floorFirst"] = asyncio.run(write_plainly(settings, work / "tree"))
        figures["floor"] = asyncio.run(write_plainly(settings, work / "tree"))
        out.print(_table(assets, records, files, figures, "studio-sized" if studio else "1-2 KB"))


async def _recorded_project(settings: Settings, work: Path) -> int:
    """The tree imported and gathered into one project; how many assets it holds."""
    async with open_store(settings) as store:
        await migrate(store)
        await wipe(store)
        report = await import_legacy(store, LocalFileStore(work / "source"), work / "tree")
        await auto_commit(store, "bench/gather_assets_into_project", code=PROJECT)
        await recompute_all(store)
    return sum(c.created for k, c in report.counts.items() if k.value != "project")


def _server_pid(settings: Settings, instance: Settings) -> int | None:
    """Neo4j's process when the run's database is a local instance (the bench's own, or
    the one `LINEAGE_LOCAL_NEO4J_*` names beside NEO4J_URI), for its CPU seconds."""
    for local in (instance, settings):
        server = LocalNeo4j(local)
        if settings.neo4j_uri == server.bolt_uri:
            return server.status().pid
    return None


def _measure(settings: Settings, work: Path, server_pid: int | None) -> dict[str, float]:
    """Seconds and CPU seconds (the process's, and Neo4j's when it is the bench's own
    local server) of tar, the export and the import: on a loaded machine the CPU
    seconds compare what each costs, the seconds what each took."""
    bundle, source = work / "project.tar", work / "source"
    _tar(source, work / "warm-up.tar")  # every side reads the files from the page cache
    (work / "warm-up.tar").unlink()
    time.sleep(SETTLE_S)
    server_cpu = _process_cpu_s(server_pid)
    exported = run_probe(settings, "export", PROJECT, str(bundle), str(source))
    export_server_cpu = _process_cpu_s(server_pid) - server_cpu
    floors = measure_floors(
        settings, PROJECT, source, work / "floor.tar", lambda: _process_cpu_s(server_pid)
    )
    tars, exports = alternated(
        ROUNDS,
        lambda: _settled(_timed_tar, source, work / "files.tar"),
        lambda: _settled(_timed_export, settings, source, work / "again.tar", server_pid),
    )
    first, server_cpu = _imported(settings, bundle, work / "target-first", server_pid)
    imported, import_server_cpu = _imported(settings, bundle, work / "target", server_pid)
    return {
        **p50s(tars, "tar"),
        **p50s(exports, "exportAgain"),
        "bundleBytes": bundle.stat().st_size,
        "export": exported["seconds"],
        "exportCpu": exported["cpuSeconds"],
        "exportServerCpu": export_server_cpu,
        "exportRss": exported["peakRssMb"],
        "exportChildRss": exported["childPeakRssMb"],
        "import": imported["seconds"],
        "importCpu": imported["cpuSeconds"],
        "importServerCpu": import_server_cpu,
        "importRss": imported["peakRssMb"],
        "importFirst": first["seconds"],
        "importFirstCpu": first["cpuSeconds"],
        "importFirstServerCpu": server_cpu,
        **floors,
    }


def _settled(step: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`step` run after a pause, in which memory freed just before is handed back."""
    time.sleep(SETTLE_S)
    return step(*args, **kwargs)


def _timed_tar(source: Path, target: Path) -> dict[str, float]:
    """One `tar` of the files into a new file at `target` (removed afterwards, as the
    export's bundle in its turn): its seconds, user and system CPU seconds, bytes."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    _tar(source, target)
    seconds, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    size = target.stat().st_size
    target.unlink()
    return {"": seconds, "Cpu": user + system, "User": user, "Sys": system, "Bytes": size}


def _timed_export(
    settings: Settings, source: Path, target: Path, server_pid: int | None
) -> dict[str, float]:
    """One export, Neo4j warm, into a new file at `target` (removed afterwards): its
    seconds, its processes' CPU seconds and Neo4j's."""
    server_cpu = _process_cpu_s(server_pid)
    exported = run_probe(settings, "export", PROJECT, str(target), str(source))
    target.unlink()
    return {
        "": exported["seconds"],
        "Cpu": exported["cpuSeconds"],
        "ServerCpu": _process_cpu_s(server_pid) - server_cpu,
    }


def _imported(
    settings: Settings, bundle: Path, target: Path, server_pid: int | None
) -> tuple[dict[str, float], float]:
    """The bundle imported into an emptied graph and an empty catalog at `target` (removed
    afterwards) in a fresh process: its figures, and Neo4j's CPU seconds for it."""
    asyncio.run(_wiped(settings))
    server_cpu = _process_cpu_s(server_pid)
    imported = run_probe(settings, "import", str(bundle), str(target))
    server_cpu = _process_cpu_s(server_pid) - server_cpu
    shutil.rmtree(target)
    return imported, server_cpu


def _process_cpu_s(pid: int | None) -> float:
    """User and system CPU seconds of a process so far (0 when it is not known)."""
    stat = Path(f"/proc/{pid}/stat")
    if pid is None or not stat.is_file():
        return 0.0
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _tar(source: Path, target: Path) -> None:
    """`tar` of the catalog's files (not its index or metadata)."""
    folders = sorted(p.name for p in (source / "catalog").iterdir() if not p.name.startswith("."))
    command = ["tar", "-cf", str(target), "-C", str(source / "catalog"), *folders]
    subprocess.run(command, check=True)


async def _wiped(settings: Settings) -> None:
    async with open_store(settings) as store:
        await wipe(store)


def _table(assets: int, records: int, files: int, f: dict[str, float], sizes: str) -> Table:
    title = f"Export and import of a project of {assets:,} assets ({files:,} {sizes} files)"
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    rows = [
        (
            f"tar of the project's files, p50 of {ROUNDS}, s (MB)",
            f"{f['tar']:.2f} ({f['tarBytes'] / 1e6:,.0f})",
        ),
        (
            f"export, Neo4j warm, p50 of {ROUNDS}, s: speed / tar speed (aim >= 0.5)",
            _ratio(f, "exportAgain"),
        ),
        ("each round in turn, s: tar (CPU s); export (Neo4j warm)", _rounds(f)),
        (
            "CPU s, p50s: tar (user + sys); export warm (its processes + Neo4j)",
            f"{_tar_cpu(f, '')}; {_cpu(f, 'exportAgain')}",
        ),
        ("tar CPU / export CPU (p50s)", f"{f['tarCpu'] / _spent(f, 'exportAgain'):.3f}"),
        (
            "first export (Neo4j's first read), s (bundle MB): speed / tar speed",
            f"{_ratio(f, 'export')} ({f['bundleBytes'] / 1e6:,.0f})",
        ),
        ("CPU s of the first export (its processes + Neo4j)", _cpu(f, "export")),
        (
            "floor: the plainest read of the graph, s; CPU s (its process + Neo4j)",
            f"{f['floorRead']:.2f}; {_cpu(f, 'floorRead')}",
        ),
        (
            "floor: the files hashed and copied, s; CPU s",
            f"{f['floorFiles']:.2f}; {f['floorFilesCpu']:.1f}",
        ),
        ("floor: both side by side, s: speed / tar speed", _ratio(f, "floorBoth")),
        (
            "peak RSS of the export (+ its PROV writer), MB (aim < 300)",
            f"{f['exportRss']:.0f} (+ {f['exportChildRss']:.0f})",
        ),
        (
            "first import (Neo4j's first run of its statements), s; CPU s",
            f"{f['importFirst']:.2f}; {_cpu(f, 'importFirst')}",
        ),
        ("legacy importer's floor, first run, s", f"{f['floorFirst']:.2f}"),
        ("first import speed / first floor speed", f"{f['floorFirst'] / f['importFirst']:.2f}"),
        (
            "import into an empty graph, again, s (assets/s)",
            f"{f['import']:.2f} ({assets / f['import']:,.0f})",
        ),
        (
            "legacy importer's floor, again, s (assets/s)",
            f"{f['floor']:.2f} ({records / f['floor']:,.0f})",
        ),
        ("import speed / floor speed, again (aim >= 0.5)", f"{f['floor'] / f['import']:.2f}"),
        ("CPU s of the import (process + Neo4j)", _cpu(f, "import")),
        ("peak RSS of the import, MB (aim < 300)", f"{f['importRss']:.0f}"),
    ]
    for measure, value in rows:
        table.add_row(measure, value)
    return table


def _ratio(f: dict[str, float], step: str) -> str:
    return f"{f[step]:.2f}: {f['tar'] / f[step]:.3f}"


def _rounds(f: dict[str, float]) -> str:
    runs = range(1, ROUNDS + 1)
    each = (
        f"{f[f'tar{n}']:.2f} ({f[f'tar{n}Cpu']:.2f} CPU); {f[f'exportAgain{n}']:.2f}" for n in runs
    )
    return " / ".join(each)


def _tar_cpu(f: dict[str, float], run: str) -> str:
    return f"{f[f'tar{run}Cpu']:.2f} ({f[f'tar{run}User']:.2f} + {f[f'tar{run}Sys']:.2f})"


def _spent(f: dict[str, float], step: str) -> float:
    return f[f"{step}Cpu"] + f[f"{step}ServerCpu"]


def _cpu(f: dict[str, float], step: str) -> str:
    own, server = f[f"{step}Cpu"], f[f"{step}ServerCpu"]
    return f"{own + server:.1f} ({own:.1f} + {server:.1f})"
