"""Bad legacy input: malformed JSON, records missing fields, folders that are not FliGen's."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.files import LocalFileStore
from lineage.legacy.errors import NotAFliGenFolderError
from lineage.legacy.importer import import_legacy
from lineage.legacy.report import Kind, Problem
from tests.legacy.conftest import snapshot, stored_media
from tests.legacy.test_idempotency import edit_json


def expected_position(text: str) -> tuple[int, int]:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    return caught.value.lineno, caught.value.colno


async def test_a_malformed_index_is_reported_and_the_rest_imports(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    index = legacy / "video-scenes/index.json"
    text = index.read_text().replace('"status": "failed",', '"status": "failed"', 1)
    index.write_text(text)
    report = await import_legacy(store, files, legacy)
    [bad] = report.of(Problem.MALFORMED_JSON)
    assert bad.path == "video-scenes/index.json"
    assert (bad.line, bad.column) == expected_position(text)
    assert bad.line > 1 and "delimiter" in bad.message
    graph = await snapshot(store)
    assert graph.assets(type="video") == []  # nothing of the broken file
    assert report.counts[Kind.VIDEO].created == 0
    assert len(graph.assets(type="image")) == 5 and len(graph.assets(type="music")) == 4
    assert len(graph.with_label("Prompt")) == 5
    assert not any(ref.startswith("video/") for ref in stored_media(files))


async def test_a_malformed_music_index_writes_nothing_of_it(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    """The tracks before the error parse fine, yet none is imported, no file stored."""
    index = legacy / "music-library/index.json"
    lines = index.read_text().splitlines()
    [third] = [n for n, line in enumerate(lines) if '"id": "music-003"' in line]
    lines[third] = lines[third].replace('"id": "music-003",', '"id": "music-003" oops,')
    index.write_text("\n".join(lines))
    report = await import_legacy(store, files, legacy)
    [bad] = report.of(Problem.MALFORMED_JSON)
    assert bad.path == "music-library/index.json" and bad.line == third + 1
    assert bad.column is not None and bad.column >= lines[third].index("oops")
    graph = await snapshot(store)
    assert graph.assets(type="music") == []
    assert not any(ref.startswith("music/") for ref in stored_media(files))
    assert len(graph.assets(type="video")) == 15


async def test_a_truncated_project_file_is_reported_with_its_position(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    project = legacy / "projects/VSS-001/project.json"
    text = project.read_text()[:60]
    project.write_text(text)
    report = await import_legacy(store, files, legacy)
    [bad] = report.of(Problem.MALFORMED_JSON)
    assert bad.path == "projects/VSS-001/project.json"
    assert (bad.line, bad.column) == expected_position(text)
    graph = await snapshot(store)
    assert graph.with_label("Project") == []
    assert len(graph.with_label("HumanPrompt")) == 5  # the prompts of that folder still import


async def test_records_missing_required_fields_are_skipped_not_guessed(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    edit_json(legacy / "shot-list/index.json", lambda d: d["shots"][1].pop("provider"))
    edit_json(legacy / "video-scenes/index.json", lambda d: d["videos"][0].pop("createdAt"))
    edit_json(legacy / "music-library/index.json", lambda d: d["tracks"][1].pop("id"))
    edit_json(legacy / "projects/VSS-001/human_prompts.json", lambda d: d["prompts"][2].pop("text"))
    report = await import_legacy(store, files, legacy)
    skipped = {(a.path, a.record) for a in report.of(Problem.MISSING_REQUIRED)}
    assert skipped == {
        ("shot-list/index.json", "shot-002"),
        ("video-scenes/index.json", "video_1767097374616_k04dcm"),
        ("music-library/index.json", "track #2"),
        ("projects/VSS-001/human_prompts.json", "hp-003"),
    }
    [shot] = [a for a in report.of(Problem.MISSING_REQUIRED) if a.record == "shot-002"]
    assert "provider" in shot.message
    graph = await snapshot(store)
    assert [a["legacyId"] for a in graph.assets(type="image")].count("shot-002") == 0
    assert len(graph.assets(slot="001-002")) == 10
    assert sorted(a["legacyId"] for a in graph.assets(type="music")) == [
        "music-001",
        "music-003",
        "music-004",
    ]
    assert {p.get("legacyId") for p in graph.with_label("HumanPrompt")} >= {"hp-001", "hp-002"}
    # the videos that used the skipped shot as a frame now point at nothing: reported
    dangling = report.of(Problem.DANGLING_REFERENCE)
    assert sum("shot-002" in a.message for a in dangling) == 12


async def test_invalid_values_are_skipped_and_reported(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    edit_json(legacy / "shot-list/index.json", lambda d: d["shots"][0].update(createdAt="soon"))
    edit_json(legacy / "video-scenes/index.json", lambda d: d["videos"][0].update(status="odd"))
    report = await import_legacy(store, files, legacy)
    invalid = {a.record: a.message for a in report.of(Problem.INVALID_VALUE)}
    assert "soon" in invalid["shot-001"] and "odd" in invalid["video_1767097374616_k04dcm"]
    graph = await snapshot(store)
    assert len(graph.assets(type="image")) == 4 and len(graph.assets(type="video")) == 14


async def test_bad_base64_is_reported_and_the_track_kept_without_a_file(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    edit_json(
        legacy / "music-library/index.json",
        lambda d: d["tracks"][2].update(audioBase64="not base64 at all!"),
    )
    report = await import_legacy(store, files, legacy)
    [unreadable] = report.of(Problem.UNREADABLE_FILE)
    assert unreadable.record == "music-003" and "base64" in unreadable.message
    track = (await snapshot(store)).by_legacy_id("music-003")
    assert (track["fileMissing"], track["fileProblem"]) == (True, "unreadable")


@pytest.mark.parametrize("where", ["empty", "a-file", "missing", "catalog"])
async def test_a_path_that_is_not_a_fligen_folder_is_refused(
    store: Store, files: LocalFileStore, tmp_path: Path, legacy: Path, where: str
) -> None:
    path = {
        "empty": tmp_path / "empty",
        "a-file": legacy / "shot-list/index.json",
        "missing": tmp_path / "nowhere",
        "catalog": tmp_path / "catalog",
    }[where]
    if where in {"empty", "catalog"}:
        path.mkdir()
    if where == "catalog":
        (path / "projects").mkdir()
    with pytest.raises(NotAFliGenFolderError) as refused:
        await import_legacy(store, files, path)
    assert isinstance(refused.value, LineageError)
    assert str(path) in refused.value.message
    assert (await snapshot(store)).nodes == {}


async def test_a_dry_run_writes_nothing(store: Store, legacy: Path, tmp_path: Path) -> None:
    report = await import_legacy(store, None, legacy, dry_run=True)
    assert report.dry_run and report.created == 31
    assert report.problems()[Problem.LOST_VIDEO] == 5
    assert (await snapshot(store)).nodes == {}
    assert list(tmp_path.rglob("catalog")) == []


async def test_the_catalog_inside_the_folder_is_never_scanned(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    catalog = legacy / "catalog"
    shutil.copytree(legacy / "shot-list", catalog / "shot-list")
    shutil.copytree(legacy / "projects", catalog / "projects")
    (catalog / "image").mkdir()
    (catalog / "image" / "stray.jpg").write_bytes(b"junk")
    report = await import_legacy(store, files, legacy)
    assert report.created == 31
    assert not any("catalog" in a.path for a in report.anomalies)


async def test_links_out_of_the_tree_are_refused_and_reported(
    store: Store, files: LocalFileStore, legacy: Path, tmp_path: Path
) -> None:
    """An index, a project folder and a project file that are symlinks to files elsewhere
    on the machine are not read: the rest imports."""
    outside = tmp_path / "elsewhere"
    shutil.copytree(legacy / "projects" / "VSS-001", outside / "VSS-002")
    edit_json(outside / "VSS-002" / "project.json", lambda p: p.update(projectCode="VSS-002"))
    shutil.move(legacy / "shot-list" / "index.json", outside / "shots.json")
    (legacy / "shot-list" / "index.json").symlink_to(outside / "shots.json")
    (legacy / "projects" / "VSS-002").symlink_to(outside / "VSS-002")
    prompts = legacy / "projects" / "VSS-001" / "human_prompts.json"
    shutil.move(prompts, outside / "prompts.json")
    prompts.symlink_to(outside / "prompts.json")
    report = await import_legacy(store, files, legacy)
    refused = {a.path for a in report.of(Problem.OUTSIDE_TREE)}
    linked = {"shot-list/index.json", "projects/VSS-002", "projects/VSS-001/human_prompts.json"}
    assert refused == linked
    graph = await snapshot(store)
    assert graph.assets(type="image") == []
    assert [p["code"] for p in graph.with_label("Project")] == ["VSS-001"]
    assert not [p for p in graph.with_label("HumanPrompt") if p.get("role") != "transcript"]
    assert len(graph.assets(type="music")) == 4  # the rest imports
