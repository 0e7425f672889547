"""The export's floor on this machine: what any export of a project costs before the
bundle's own work, each part in a fresh process (`python -m lineage.bench.exportfloor`).

- `read CODE`: the plainest read of the project's nodes and their outgoing edges, one
  streamed statement (`cypher/bench/read_project_plainly.cypher`: labels, properties,
  each edge's type, end id and properties; nothing sorted, no edge asked whether it
  ends inside the project), a page of 1,000 nodes a row as the export reads, rows
  discarded, the cyclic collector paused as the export pauses it;
- `files ROOT SINK`: every file of the catalog at ROOT hashed and appended to the file
  SINK as a tar member by the kernel, through the export's own file path
  (`bundles.filecheck`: two hashing threads; `bundles.filesection`), without the graph.

Each prints one JSON line: when its work started and ended, its CPU seconds.
`measure_floors` runs each alone, then both side by side (as the export runs its
reading and its files): if that already takes longer than twice `tar` of the same
files, no export reading the graph through the driver can be half as fast as `tar`
here.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lineage.bench.bundleprobe import cpu_s, probe_env
from lineage.bundles.exporter import PAGE
from lineage.bundles.filecheck import FileHasher
from lineage.bundles.filesection import FileSection
from lineage.bundles.gcpause import collection_paused
from lineage.errors import LineageError
from lineage.files.layout import CatalogLayout
from lineage.runtime import open_store
from lineage.settings import Settings


async def read_plainly(code: str) -> dict[str, float]:
    """Project `code` read by the plainest statement, rows discarded, timed once the
    database is connected (as the export's probe times it)."""
    nodes = 0
    async with open_store(Settings()) as store:
        started, cpu = time.time(), cpu_s()
        with collection_paused():
            async for row in store.stream("bench/read_project_plainly", code=code, page=PAGE):
                nodes += len(row["nodes"])
        return _timed(started, cpu, nodes)


def copy_files(root: Path, sink: Path) -> int:
    """Every catalog file at `root` hashed and appended to `sink`; the bytes copied."""
    hasher = FileHasher()
    with sink.open("wb") as out:
        section = FileSection(out.fileno())
        try:
            for sha256, path in _catalog_files(CatalogLayout(root)):
                section.add(hasher.add(sha256, path))
            hasher.finish()
            return section.finish(0)
        finally:
            section.close()
            hasher.close()


def _catalog_files(layout: CatalogLayout) -> Iterator[tuple[str, Path]]:
    """Each stored file's SHA-256 and path, from the catalog's hash index."""
    for indexed in sorted(layout.by_hash.iterdir()):
        yield indexed.name, layout.file_path(indexed.read_text().strip())


def measure_floors(
    settings: Settings, code: str, root: Path, sink: Path, server_cpu: Callable[[], float]
) -> dict[str, float]:
    """Seconds of the read alone, the files alone, and both side by side; the CPU seconds
    of each alone (the read's with Neo4j's, as `server_cpu` counts them)."""
    read = [sys.executable, "-m", __name__, "read", code]
    files = [sys.executable, "-m", __name__, "files", str(root), str(sink)]
    before = server_cpu()
    [read_alone] = _run([read], settings)
    read_server_cpu = server_cpu() - before
    [files_alone] = _run([files], settings)
    both = _run([read, files], settings)
    sink.unlink()
    return {
        "floorRead": read_alone.seconds,
        "floorReadCpu": read_alone.cpu_seconds,
        "floorReadServerCpu": read_server_cpu,
        "floorFiles": files_alone.seconds,
        "floorFilesCpu": files_alone.cpu_seconds,
        "floorBoth": max(run.ended for run in both) - min(run.started for run in both),
    }


@dataclass(frozen=True)
class Run:
    """When a command's work started and ended (seconds since the epoch), its CPU seconds."""

    started: float
    ended: float
    cpu_seconds: float

    @property
    def seconds(self) -> float:
        return self.ended - self.started


def _run(commands: list[list[str]], settings: Settings) -> list[Run]:
    """Each command's run, side by side (each process's start-up left out)."""
    env = probe_env(settings)
    running = [
        subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    runs = []
    for process in running:
        stdout, stderr = process.communicate(timeout=3600)
        if process.returncode != 0:
            raise LineageError(f"the export's floor failed: {stderr.strip()[-2000:]}")
        result = json.loads(stdout.strip().splitlines()[-1])
        runs.append(Run(result["started"], result["ended"], result["cpuSeconds"]))
    return runs


def _measure(args: list[str]) -> dict[str, float]:
    if args[0] == "read":
        return asyncio.run(read_plainly(args[1]))
    started, cpu = time.time(), cpu_s()
    return _timed(started, cpu, copy_files(Path(args[1]), Path(args[2])))


def _timed(started: float, cpu: float, done: int) -> dict[str, float]:
    return {"started": started, "ended": time.time(), "cpuSeconds": cpu_s() - cpu, "done": done}


if __name__ == "__main__":  # pragma: no cover - run as a subprocess by the benchmark
    print(json.dumps(_measure(sys.argv[1:])))
