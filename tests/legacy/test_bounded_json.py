"""Deeply nested legacy files, measured in a fresh process: bounded memory, a report naming
the file with its line and column, and the rest of the folder imported."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from lineage.bench.memprobe import run_probe
from lineage.db.store import Store
from lineage.legacy.jsonfiles import MAX_DEPTH
from lineage.settings import Settings
from tests.legacy.conftest import snapshot

NESTED_BYTES = 2 * 1024 * 1024
# The finding: a 40 KB nested index took 1 GB, a 2 MB one was killed at 18 GB.
IMPORT_MB = 100


def _nested(key: str) -> str:
    """A 2 MB document: `{"<key>": [[[[...]]]]}`, a million levels deep."""
    depth = (NESTED_BYTES - len(key) - 8) // 2
    return '{"' + key + '": ' + "[" * depth + "]" * depth + "}"


async def test_nested_legacy_files_are_refused_in_bounded_memory_and_the_rest_imports(
    settings: Settings, store: Store, legacy: Path, tmp_path: Path
) -> None:
    (legacy / "music-library" / "index.json").write_text(_nested("tracks"))
    (legacy / "shot-list" / "index.json").write_text(_nested("shots"))
    (legacy / "projects" / "VSS-001" / "project.json").write_text(_nested("projectCode"))
    result = await asyncio.to_thread(run_probe, settings, legacy, tmp_path / "store", 300)
    taken = result["peakRssMb"] - result["baselineRssMb"]
    print(f"peak RSS {result['peakRssMb']} MB, {taken:.1f} MB over the loaded interpreter")
    assert taken < IMPORT_MB
    refused = {
        path: reason for problem, path, reason in result["anomalies"] if problem == "malformedJson"
    }
    reason = f"nested deeper than {MAX_DEPTH} levels"
    assert refused == {
        "music-library/index.json": reason,
        "shot-list/index.json": reason,
        "projects/VSS-001/project.json": reason,
    }
    graph = await snapshot(store)
    assert len(graph.with_label("HumanPrompt")) > 0  # the project's prompts still import
    assert graph.assets(type="music") == [] and graph.assets(type="image") == []
    assert len(graph.assets(type="video")) > 0  # videos import, their start shots dangling


def test_the_report_places_the_nesting(legacy: Path) -> None:
    """Line and column of the bracket that opens level MAX_DEPTH + 1."""
    from lineage.legacy.folder import open_folder
    from lineage.legacy.importer import plan_folder
    from lineage.legacy.report import Problem, Tally

    (legacy / "shot-list" / "index.json").write_text('{\n  "shots":\n    ' + _nested("x"))
    tally = Tally(legacy)
    plan_folder(open_folder(legacy), tally)
    [bad] = [a for a in tally.anomalies if a.problem is Problem.MALFORMED_JSON]
    first_bracket = len("    ") + len('{"x": ') + 1  # opens level 3 (after two objects)
    assert (bad.line, bad.column) == (3, first_bracket + MAX_DEPTH + 1 - 3)
    assert json.dumps(bad.message).count("nested deeper") == 1
