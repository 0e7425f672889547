"""`lineage bench-export`: exporting and importing a generated 100k-asset project, with
the ratios the issue aims at, each against a floor measured in the same run:

- export vs `tar` of the same files (the project's catalog files into one tar);
  the export runs first (Neo4j's first read of the project, as after writing it),
  then again once the export's floor has run (`bench.exportfloor`: the plainest read
  of the graph and the files' hashing and copying, alone and side by side), warm;
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
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from lineage.bench.bundleprobe import run_probe
from lineage.bench.database import WipeOk, bench_database, dedicated
from lineage.bench.exportfloor import measure_floors
from lineage.bench.generate import auto_commit, wipe
from lineage.bench.imports import write_plainly
from lineage.bench.synthetic import STUDIO, TINY, write_tree
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


@clear_errors
def bench_export(
    records: Annotated[int, typer.Option(help="Assets in the generated project.")] = 100_000,
    files: Annotated[int, typer.Option(help="How many of them carry a file.")] = 20_000,
    studio: Annotated[
        bool,
        typer.Option(
            help="Files of the studio's sizes (images 2 MB, music 4 MB, videos 16 MB) instead "
            "of 1-2 KB; with --files 400 the files weigh about 2.4 GB (the run writes them "
            "about six times: mind the free disk)."
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
    _tar(source, work / "warm-up.tar")  # both read the files from the page cache
    tar_cpu = _children_cpu_s()
    started = time.perf_counter()
    _tar(source, work / "files.tar")
    tar_s, tar_cpu = time.perf_counter() - started, _children_cpu_s() - tar_cpu
    (work / "warm-up.tar").unlink()
    server_cpu = _process_cpu_s(server_pid)
    exported = run_probe(settings, "export", PROJECT, str(bundle), str(source))
    export_server_cpu = _process_cpu_s(server_pid) - server_cpu
    floors = measure_floors(
        settings, PROJECT, source, work / "floor.tar", lambda: _process_cpu_s(server_pid)
    )
    again, server_cpu = work / "again.tar", _process_cpu_s(server_pid)
    exported_again = run_probe(settings, "export", PROJECT, str(again), str(source))
    again_server_cpu = _process_cpu_s(server_pid) - server_cpu
    again.unlink()
    first, server_cpu = _imported(settings, bundle, work / "target-first", server_pid)
    imported, import_server_cpu = _imported(settings, bundle, work / "target", server_pid)
    return {
        "tar": tar_s,
        "tarCpu": tar_cpu,
        "tarBytes": (work / "files.tar").stat().st_size,
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
        "exportAgain": exported_again["seconds"],
        "exportAgainCpu": exported_again["cpuSeconds"],
        "exportAgainServerCpu": again_server_cpu,
        **floors,
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


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


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
        ("tar of the project's files, s (MB)", f"{f['tar']:.2f} ({f['tarBytes'] / 1e6:,.0f})"),
        ("export, s (bundle MB)", f"{f['export']:.2f} ({f['bundleBytes'] / 1e6:,.0f})"),
        ("export speed / tar speed (aim >= 0.5)", f"{f['tar'] / f['export']:.3f}"),
        ("CPU s: tar; export (its processes + Neo4j)", _cpu(f["tarCpu"], f, "export")),
        ("tar CPU / export CPU", f"{f['tarCpu'] / (f['exportCpu'] + f['exportServerCpu']):.3f}"),
        ("export again (Neo4j warm), s: speed / tar speed", _ratio(f, "exportAgain")),
        ("CPU s of the export again (its processes + Neo4j)", _cpu(None, f, "exportAgain")),
        (
            "floor: the plainest read of the graph, s; CPU s (its process + Neo4j)",
            f"{f['floorRead']:.2f}; {_cpu(None, f, 'floorRead')}",
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
            f"{f['importFirst']:.2f}; {_cpu(None, f, 'importFirst')}",
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
        ("CPU s of the import (process + Neo4j)", _cpu(None, f, "import")),
        ("peak RSS of the import, MB (aim < 300)", f"{f['importRss']:.0f}"),
    ]
    for measure, value in rows:
        table.add_row(measure, value)
    return table


def _ratio(f: dict[str, float], step: str) -> str:
    return f"{f[step]:.2f}: {f['tar'] / f[step]:.3f}"


def _cpu(tar: float | None, f: dict[str, float], step: str) -> str:
    own, server = f[f"{step}Cpu"], f[f"{step}ServerCpu"]
    spent = f"{own + server:.1f} ({own:.1f} + {server:.1f})"
    return spent if tar is None else f"{tar:.2f}; {spent}"
