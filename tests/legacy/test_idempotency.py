"""Importing twice changes nothing; importing a folder that grew adds only the new."""

from __future__ import annotations

import base64
import json
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest

from lineage.bench.generate import wipe
from lineage.db.store import Store
from lineage.errors import DatabaseUnavailableError
from lineage.files import LocalFileStore
from lineage.legacy import writing
from lineage.legacy.importer import import_legacy
from lineage.legacy.report import Kind
from lineage.legacy.repository import LegacyRepository
from tests.legacy.conftest import snapshot, stored_media


def edit_json(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


async def test_a_second_import_leaves_the_same_graph_and_catalog(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    first = await import_legacy(store, files, legacy)
    graph, catalog = await snapshot(store), stored_media(files)
    again = await import_legacy(store, files, legacy)
    assert await snapshot(store) == graph
    assert stored_media(files) == catalog
    assert again.created == 0 and again.present == first.created == 31
    assert (again.files_stored, again.files_deduplicated) == (0, 0)
    assert again.problems() == first.problems()


async def test_the_same_folder_elsewhere_gets_the_same_ids(
    store: Store, files: LocalFileStore, legacy: Path, tmp_path: Path
) -> None:
    await import_legacy(store, files, legacy)
    graph = await snapshot(store)
    moved = shutil.copytree(legacy, tmp_path / "moved" / "assets")
    again = await import_legacy(store, files, moved)
    assert again.created == 0
    assert set((await snapshot(store)).nodes) == set(graph.nodes)


async def test_a_folder_that_grew_adds_only_the_new(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    await import_legacy(store, files, legacy)
    before = await snapshot(store)
    catalog = stored_media(files)
    _grow(legacy)
    report = await import_legacy(store, files, legacy)
    after = await snapshot(store)

    created = {k: c.created for k, c in report.counts.items() if c.created}
    assert created == {Kind.IMAGE: 1, Kind.VIDEO: 1, Kind.MUSIC: 1}
    new_ids = set(after.nodes) - set(before.nodes)
    assert len(new_ids) == 3
    for node_id, (labels, props) in before.nodes.items():  # nothing old changed but isCurrent
        assert after.nodes[node_id][0] == labels
        old = {k: v for k, v in props.items() if k != "isCurrent"}
        assert {k: v for k, v in after.nodes[node_id][1].items() if k != "isCurrent"} == old
    assert set(before.edges) <= set(after.edges)

    chain = sorted(after.assets(slot="001-002"), key=lambda a: a["version"])
    newest = chain[-1]
    assert (len(chain), newest["legacyId"], newest["version"]) == (12, "video_new_attempt", 12)
    assert after.out(newest["id"], "REGENERATES") == [({}, chain[-2]["id"])]
    assert [a["legacyId"] for a in chain if a.get("isCurrent")] == ["video_new_attempt"]
    assert chain[-2].get("fileRef")  # the attempt imported before keeps its file
    shot6 = after.by_legacy_id("shot-006")
    assert shot6["fileRef"] and shot6["isCurrent"]
    assert after.by_legacy_id("music-005")["name"] == "A calm piano lullaby for the sleeping fox"
    assert len(stored_media(files)) == len(catalog) + 3


def _grow(legacy: Path) -> None:
    """One more shot (with its file), one newer 001-002 attempt (whose bytes now hold the
    file) and one more inline track."""
    shutil.copy(legacy / "shot-list/shot-004.jpg", legacy / "shot-list/shot-006.jpg")
    with (legacy / "shot-list/shot-006.jpg").open("ab") as handle:
        handle.write(b"\0")  # other bytes, still a valid JPEG
    shot = {
        "id": "shot-006",
        "filename": "shot-006.jpg",
        "url": "/assets/shot-list/shot-006.jpg",
        "prompt": "The fox at dawn again",
        "provider": "fal",
        "model": "Flux Pro v1.1",
        "width": 1024,
        "height": 1024,
        "createdAt": "2026-01-05T10:00:00.000Z",
    }
    edit_json(legacy / "shot-list/index.json", lambda d: d["shots"].append(shot))
    video = {
        "id": "video_new_attempt",
        "filename": "001-002.mp4",
        "url": "/assets/video-scenes/001-002.mp4",
        "startShotId": "shot-001",
        "endShotId": "shot-002",
        "provider": "fal",
        "model": "kling-o1",
        "duration": 5,
        "status": "completed",
        "createdAt": "2026-01-05T10:00:00.000Z",
        "completedAt": "2026-01-05T10:01:00.000Z",
    }
    edit_json(legacy / "video-scenes/index.json", lambda d: d["videos"].append(video))
    with (legacy / "video-scenes/001-002.mp4").open("ab") as handle:
        handle.write(struct.pack(">I", 12) + b"free" + b"new!")  # a valid MP4 box: new bytes
    audio = (legacy / "music-library/music-002.mp3").read_bytes() + b"\0" * 16
    track = {
        "id": "music-005",
        "name": "Track 1",
        "filename": "music-005.mp3",
        "audioBase64": base64.b64encode(audio).decode(),
        "provider": "kie",
        "prompt": "A calm piano lullaby for the sleeping fox",
    }
    edit_json(legacy / "music-library/index.json", lambda d: d["tracks"].append(track))


async def test_small_batches_written_two_at_a_time_write_the_same_graph(
    store: Store, files: LocalFileStore, legacy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three assets per batch: a batch never cuts a slot (the eleven-attempt chain is
    one batch), so the writers may take batches in any order; the graph is the
    one-batch graph."""
    await import_legacy(store, files, legacy)
    whole = await snapshot(store)
    await wipe(store)
    monkeypatch.setattr(writing, "BATCH", 3)
    written = spy_on_batches(monkeypatch)
    report = await import_legacy(store, files, legacy)
    assert report.created == 31 and report.files_stored == 0
    assert await snapshot(store) == whole
    slots = [slot for batch in written for slot in batch]
    assert len(slots) == len(set(slots)), "a slot was split across batches"
    assert max(len(rows) for rows in written.values()) == 11


async def test_an_import_cut_short_leaves_whole_batches_and_the_next_one_completes_it(
    store: Store, files: LocalFileStore, legacy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await import_legacy(store, files, legacy)
    whole = await snapshot(store)
    await wipe(store)
    monkeypatch.setattr(writing, "BATCH", 3)
    original = LegacyRepository.write_assets
    calls = 0

    async def failing_third(self: LegacyRepository, rows: Any, slots: Any) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise DatabaseUnavailableError("Neo4j went away")
        await original(self, rows, slots)

    monkeypatch.setattr(LegacyRepository, "write_assets", failing_third)
    with pytest.raises(DatabaseUnavailableError):
        await import_legacy(store, files, legacy)
    partial = await snapshot(store)
    assert 0 < len(partial.with_label("Asset")) < len(whole.with_label("Asset"))
    for props in partial.with_label("Asset"):  # orphan states wait for a finished import
        assert without_orphan_state(props) == without_orphan_state(whole.props(props["id"]))
    monkeypatch.setattr(LegacyRepository, "write_assets", original)
    report = await import_legacy(store, files, legacy)
    kinds = {Kind.IMAGE, Kind.VIDEO, Kind.MUSIC, Kind.AUDIO}
    created = sum(count.created for kind, count in report.counts.items() if kind in kinds)
    assert created == len(whole.with_label("Asset")) - len(partial.with_label("Asset"))
    assert await snapshot(store) == whole


def without_orphan_state(props: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in {"orphaned", "orphanRootCauses"}}


def spy_on_batches(monkeypatch: pytest.MonkeyPatch) -> dict[frozenset[str], list[Any]]:
    """The slots and rows of every asset batch written from now on."""
    written: dict[frozenset[str], list[Any]] = {}
    original = LegacyRepository.write_assets

    async def spy(self: LegacyRepository, rows: Any, slots: Any) -> None:
        written[frozenset(slots)] = rows
        await original(self, rows, slots)

    monkeypatch.setattr(LegacyRepository, "write_assets", spy)
    return written
