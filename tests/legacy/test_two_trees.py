"""Two legacy trees whose shots and scenes have the same names never merge: each
import root is a namespace of its own (assets without a project), and neither
merges with a project's slots of the same name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from lineage.assets.slots import legacy_namespace
from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.integrity import check_integrity
from lineage.legacy.importer import import_legacy
from tests.legacy.conftest import snapshot


def a_day_later(path: Path, key: str) -> None:
    """Every record of the index one day later (so they are other records, other ids)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data[key]:
        record["createdAt"] = record["createdAt"].replace("2025-12-", "2025-11-")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def chains(assets: list[dict[str, Any]], slot: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for a in sorted(assets, key=lambda a: a["version"]):
        if a["slot"] == slot:
            found.setdefault(a["slotKey"], []).append(a["version"])
    return found


async def test_two_trees_keep_their_own_slots(
    store: Store, files: LocalFileStore, legacy: Path, tmp_path: Path
) -> None:
    other = shutil.copytree(legacy, tmp_path / "other" / "assets")
    a_day_later(other / "shot-list" / "index.json", "shots")
    a_day_later(other / "video-scenes" / "index.json", "videos")
    await import_legacy(store, files, legacy)
    await import_legacy(store, files, other)

    assets = (await snapshot(store)).with_label("Asset")
    here, there = legacy_namespace(legacy), legacy_namespace(other)
    assert here != there
    shots = chains(assets, "shot-001")
    assert shots == {f"{here}/shot-001": [1], f"{there}/shot-001": [1]}
    scenes = chains(assets, "001-002")
    assert set(scenes) == {f"{here}/001-002", f"{there}/001-002"}
    assert scenes[f"{here}/001-002"] == scenes[f"{there}/001-002"]  # the same history, twice
    assert await check_integrity(store) == []
