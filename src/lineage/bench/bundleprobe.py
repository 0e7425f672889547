"""One export or import measured in a fresh process (`python -m lineage.bench.bundleprobe`).

Usage: `python -m lineage.bench.bundleprobe export CODE BUNDLE ASSETS_ROOT` or
`... import BUNDLE ASSETS_ROOT`, with `NEO4J_URI` and `NEO4J_PASSWORD` naming the
database. Prints one JSON line: seconds, the CPU seconds this process and its children (the
export's PROV-JSON writer) spent on the work, the resident set size before the work
(interpreter and libraries loaded), its peak, and the largest peak of a child (an
upper bound: `ru_maxrss` of children started with vfork also counts this process's
memory at their start).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from lineage.bench.memprobe import max_rss_mb
from lineage.bundles.exporter import Exporter
from lineage.bundles.filearchive import FileArchive
from lineage.bundles.importer import import_bundle
from lineage.bundles.models import BundleScope, ScopeKind
from lineage.bundles.service import export_to_file
from lineage.errors import LineageError
from lineage.files import LocalFileStore
from lineage.runtime import open_store
from lineage.settings import Settings


def run_probe(settings: Settings, *args: str, timeout_s: float = 3600) -> dict[str, float]:
    """Run this probe in a fresh process on `settings`' database; its JSON result."""
    command = [sys.executable, "-m", "lineage.bench.bundleprobe", *args]
    env = probe_env(settings)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s)
    if done.returncode != 0:
        raise LineageError(f"the bundle probe failed: {done.stderr.strip()[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def probe_env(settings: Settings) -> dict[str, str]:
    """The environment of a probe process on `settings`' database."""
    return {
        **os.environ,
        "NEO4J_URI": str(settings.neo4j_uri),
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
    }


async def measure(args: list[str]) -> dict[str, float]:
    async with open_store(Settings()) as store:
        before, started, cpu = max_rss_mb(), time.perf_counter(), cpu_s()
        if args[0] == "export":
            code, bundle, root = args[1], Path(args[2]), Path(args[3])
            exporter = Exporter(store, LocalFileStore(root), FileArchive(root / "archive"))
            scope = BundleScope(kind=ScopeKind.PROJECT, project_code=code)
            await export_to_file(exporter, scope, bundle)
        else:
            await import_bundle(store, LocalFileStore(Path(args[2])), Path(args[1]))
        seconds, cpu = time.perf_counter() - started, cpu_s() - cpu
    return {
        "seconds": round(seconds, 3),
        "cpuSeconds": round(cpu, 3),
        "baselineRssMb": before,
        "peakRssMb": max_rss_mb(),
        "childPeakRssMb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def cpu_s() -> float:
    """CPU seconds of this process and of its children that ended."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


if __name__ == "__main__":  # pragma: no cover - run as a subprocess by the benchmark
    print(json.dumps(asyncio.run(measure(sys.argv[1:]))))
