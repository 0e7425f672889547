"""Peak memory of one import, measured in a fresh process (`python -m lineage.bench.memprobe`).

Usage: `python -m lineage.bench.memprobe FOLDER CATALOG_ROOT`, with `NEO4J_URI` and
`NEO4J_PASSWORD` naming the database. Prints one JSON line: the resident set size
before the import (interpreter and libraries loaded), its peak (`VmHWM`, else `ru_maxrss`), the
import's time, the tracks imported and the anomalies reported (problem, path, reason).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from lineage.errors import LineageError
from lineage.files import LocalFileStore
from lineage.legacy.importer import import_legacy
from lineage.legacy.report import Kind
from lineage.runtime import open_store
from lineage.settings import Settings


def max_rss_mb() -> float:
    """The peak resident set size of this process so far.

    Linux's `VmHWM` belongs to this program's own address space; `ru_maxrss` would also
    count the parent's memory when the process was spawned with vfork (Python does).
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_probe(
    settings: Settings, folder: Path, catalog_root: Path, timeout_s: float
) -> dict[str, Any]:
    """Run this probe in a fresh process on `settings`' database; its JSON result."""
    env = {
        **os.environ,
        "NEO4J_URI": str(settings.neo4j_uri),
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
    }
    command = [sys.executable, "-m", "lineage.bench.memprobe", str(folder), str(catalog_root)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s)
    if done.returncode != 0:
        raise LineageError(f"the memory probe failed: {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


async def measure(folder: Path, catalog_root: Path) -> dict[str, Any]:
    settings = Settings()
    async with open_store(settings) as store:
        before = max_rss_mb()
        report = await import_legacy(store, LocalFileStore(catalog_root), folder)
    return {
        "baselineRssMb": round(before, 1),
        "peakRssMb": round(max_rss_mb(), 1),
        "seconds": report.seconds,
        "tracks": report.counts[Kind.MUSIC].created,
        "anomalies": [[a.problem.value, a.path, a.message] for a in report.anomalies],
        "phases": report.phases,
    }


if __name__ == "__main__":  # pragma: no cover - run as a subprocess by the benchmark
    result = asyncio.run(measure(Path(sys.argv[1]), Path(sys.argv[2])))
    print(json.dumps(result))
