"""`lineage bench-export` (written below)."""

from __future__ import annotations


def bench_export() -> None:
    """Benchmark exports and imports."""
