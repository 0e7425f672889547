"""The sample legacy tree imported into a real Neo4j, checked node by node, edge by edge."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from lineage.assets.models import Asset
from lineage.assets.repository import AssetRepository
from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.legacy.importer import import_legacy
from lineage.legacy.report import ImportReport, Kind, Problem
from tests.conftest import GraphQLClient
from tests.legacy.conftest import Snapshot, digests, snapshot, stored_media

CHAIN_001_002 = [  # the eleven attempts of 001-002.mp4 in createdAt order, with their status
    ("video_1767097374616_k04dcm", "failed"),
    ("video_1767097839589_mg12vl", "failed"),
    ("video_1767097961204_x3p9qa", "ready"),
    ("video_1767098102377_b7hn2e", "failed"),
    ("video_1767098215840_q9w1zt", "ready"),
    ("video_1767098347051_f2jk8m", "ready"),
    ("video_1767098455963_r5tx0c", "failed"),
    ("video_1767098538412_h8vd3u", "failed"),
    ("video_1767098611720_n1ce6y", "ready"),
    ("video_1767098720775_z6mq2p", "failed"),
    ("video_1767098871389_l7u4j4", "ready"),
]
ON_DISK = "video_1767098871389_l7u4j4"


async def imported(
    store: Store, files: LocalFileStore, legacy: Path
) -> tuple[ImportReport, Snapshot]:
    report = await import_legacy(store, files, legacy)
    return report, await snapshot(store)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


async def test_counts_and_the_legacy_folder_is_only_read(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    before = digests(legacy)
    report, graph = await imported(store, files, legacy)
    assert {k: c.created for k, c in report.counts.items()} == {
        Kind.PROJECT: 1,
        Kind.HUMAN_PROMPT: 3,
        Kind.TRANSCRIPT: 2,
        Kind.IMAGE: 5,
        Kind.VIDEO: 15,
        Kind.MUSIC: 4,
        Kind.AUDIO: 1,
    }
    assert report.present == 0
    assert len(graph.nodes) == 31
    assert digests(legacy) == before
    assert not (legacy / "catalog").exists()
    # 4 shots + 2 videos + 3 distinct tracks + the narration; music-004 shares music-001's file
    assert len(stored_media(files)) == 10
    assert (report.files_stored, report.files_deduplicated) == (10, 1)


async def test_project_prompts_and_transcripts(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    _, graph = await imported(store, files, legacy)
    [project] = graph.with_label("Project")
    assert project == {
        "code": "VSS-001",
        "id": "VSS-001",
        "title": "Vibe Story Segment 1",
        "flihubChapterId": "ch-07",
        "flihubSegmentIds": ["seg-071", "seg-072"],
        "createdAt": "2026-01-02T09:14:00.000Z",
        "updatedAt": "2026-01-03T17:40:12.000Z",
        "orphanCount": 0,
    }
    source = json.loads((legacy / "projects/VSS-001/human_prompts.json").read_text())
    for record in source["prompts"]:
        prompt = graph.by_legacy_id(record["id"])
        labels = graph.nodes[prompt["id"]][0]
        assert labels == ("HumanPrompt", "Prompt")
        assert (prompt["kind"], prompt["role"], prompt["text"]) == (
            "human",
            record["kind"],
            record["text"],
        )
        assert prompt["createdAt"] == record["createdAt"]
        assert prompt["projectCode"] == "VSS-001"
        assert graph.out(prompt["id"], "PART_OF") == [({}, "VSS-001")]
    transcripts = sorted(
        (p for p in graph.with_label("Prompt") if p["role"] == "transcript"),
        key=lambda p: p["segmentId"],
    )
    assert [t["segmentId"] for t in transcripts] == ["seg-071", "seg-072"]
    assert transcripts[0]["text"].startswith("So the fox has been sitting")
    assert all(graph.out(t["id"], "PART_OF") == [({}, "VSS-001")] for t in transcripts)


async def test_shots_are_image_assets_with_their_files(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    _, graph = await imported(store, files, legacy)
    images = {a["legacyId"]: a for a in graph.assets(type="image")}
    assert sorted(images) == [f"shot-00{n}" for n in range(1, 6)]
    for legacy_id, image in images.items():
        assert (image["slot"], image["version"], image["status"]) == (legacy_id, 1, "ready")
        assert image["isCurrent"] is True
        assert image["currentSince"] == image["createdAt"]
        assert (image["width"], image["height"]) == (1024, 1024)  # what the app claimed
        assert graph.out(image["id"], "REGENERATES") == []
    shot1 = images["shot-001"]
    assert (shot1["provider"], shot1["model"]) == ("fal", "Flux Pro v1.1")
    assert shot1["createdAt"] == "2025-12-30T12:17:29.417Z"
    assert shot1["prompt"].startswith("Retro 1960s children's book illustration of a small red fox")
    assert shot1["fileSha256"] == sha256(legacy / "shot-list/shot-001.jpg")
    assert (
        files.local_path(shot1["fileRef"]).read_bytes()
        == (legacy / "shot-list/shot-001.jpg").read_bytes()
    )
    assert shot1["url"] == f"/files/{shot1['fileRef']}" and shot1["mediaType"] == "image/jpeg"
    params = json.loads(images["shot-003"]["paramsJson"])
    assert (params["seed"], params["guidanceScale"]) == (42, 7.5)
    assert (images["shot-003"]["seed"], images["shot-003"]["guidanceScale"]) == (42, 7.5)
    assert (
        params["filename"] == "shot-003.jpg" and params["url"] == "/assets/shot-list/shot-003.jpg"
    )
    missing = images["shot-005"]
    assert (missing["fileMissing"], missing["fileProblem"]) == (True, "missing")
    assert "fileRef" not in missing and "fileSha256" not in missing


async def test_the_eleven_attempt_chain_and_its_one_file(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    _, graph = await imported(store, files, legacy)
    chain = sorted(graph.assets(slot="001-002"), key=lambda a: a["version"])
    assert [(a["legacyId"], a["status"]) for a in chain] == CHAIN_001_002
    assert [a["version"] for a in chain] == list(range(1, 12))
    assert [a["createdAt"] for a in chain] == sorted(a["createdAt"] for a in chain)
    for newer, older in zip(chain[1:], chain[:-1], strict=True):
        assert graph.out(newer["id"], "REGENERATES") == [({}, older["id"])]
    assert graph.out(chain[0]["id"], "REGENERATES") == []
    shots = {a["legacyId"]: a["id"] for a in graph.assets(type="image")}
    for attempt in chain:
        assert graph.out(attempt["id"], "USES_FRAME") == [
            ({"position": 0, "role": "end"}, shots["shot-002"]),
            ({"position": 0, "role": "start"}, shots["shot-001"]),
        ]
    with_file = [a for a in chain if a.get("fileRef")]
    assert [a["legacyId"] for a in with_file] == [ON_DISK]
    assert with_file[0]["fileSha256"] == sha256(legacy / "video-scenes/001-002.mp4")
    assert [a["legacyId"] for a in chain if a.get("isCurrent")] == [ON_DISK]
    lost = [a["legacyId"] for a in chain if a.get("fileProblem") == "lost"]
    assert lost == [i for i, s in CHAIN_001_002 if s == "ready" and i != ON_DISK]
    assert all(a["fileMissing"] is True for a in chain if a["legacyId"] in lost)
    for attempt in chain:
        if attempt["status"] == "failed":
            assert (
                attempt["error"] and "completedAt" not in attempt and "currentSince" not in attempt
            )
            assert "fileMissing" not in attempt
        else:
            assert attempt["completedAt"] == attempt["currentSince"]
    first = chain[0]
    assert first["error"] == "Provider timeout after 300s"
    assert (first["provider"], first["model"], first["duration"]) == ("kie", "veo3", 8)
    assert "prompt" not in first  # the animation prompt was never saved


async def test_the_other_video_slots(store: Store, files: LocalFileStore, legacy: Path) -> None:
    report, graph = await imported(store, files, legacy)
    two = sorted(graph.assets(slot="002-003"), key=lambda a: a["version"])
    assert [a["legacyId"] for a in two] == [
        "video_1767099312448_p4sd8k",
        "video_1767099834552_w2ry7g",
    ]
    assert two[0]["fileProblem"] == "lost" and not two[0].get("isCurrent")
    assert (
        two[1]["fileSha256"] == sha256(legacy / "video-scenes/002-003.mp4") and two[1]["isCurrent"]
    )
    [pending] = graph.assets(slot="003-004")
    assert pending["status"] == "generating" and not pending.get("isCurrent")
    assert "fileMissing" not in pending
    [dangling] = graph.assets(slot="004-009")
    assert (dangling["status"], dangling["fileProblem"], dangling["isCurrent"]) == (
        "ready",
        "missing",
        True,
    )
    shots = {a["legacyId"]: a["id"] for a in graph.assets(type="image")}
    assert graph.out(dangling["id"], "USES_FRAME") == [
        ({"position": 0, "role": "start"}, shots["shot-004"])
    ]
    [reference] = report.of(Problem.DANGLING_REFERENCE)
    assert reference.record == "video_1767176103882_c8ub1v" and "shot-009" in reference.message
    assert reference.path == "video-scenes/index.json"


async def test_music_is_decoded_deduplicated_and_renamed(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    report, graph = await imported(store, files, legacy)
    index = {
        t["id"]: t for t in json.loads((legacy / "music-library/index.json").read_text())["tracks"]
    }
    music = {a["legacyId"]: a for a in graph.assets(type="music")}
    assert sorted(music) == ["music-001", "music-002", "music-003", "music-004"]
    for legacy_id, track in music.items():
        audio = base64.b64decode(index[legacy_id]["audioBase64"])
        assert track["fileSha256"] == hashlib.sha256(audio).hexdigest()
        assert files.local_path(track["fileRef"]).read_bytes() == audio
        assert track["name"] != "Track 1" and track["isCurrent"] and track["status"] == "ready"
        assert json.loads(track["paramsJson"])["legacyName"] == "Track 1"
        assert track["prompt"] == index[legacy_id]["prompt"]
    thai = music["music-001"]
    assert thai["prompt"] == "ช้าง ช้าง ช้าง น่ารักจริงจริง" == thai["name"]
    assert thai["lyrics"] == index["music-001"]["lyrics"]
    assert music["music-004"]["name"] == "ช้าง ช้าง ช้าง น่ารักจริงจริง (2)"
    assert music["music-004"]["fileRef"] == thai["fileRef"]  # one catalog file for both
    assert music["music-002"]["name"].startswith("Lo-fi hip hop beat")
    assert (
        json.loads(music["music-002"]["paramsJson"])["requestId"] == index["music-002"]["requestId"]
    )
    assert "lyrics" not in music["music-002"]
    assert music["music-003"]["fileRef"] not in {
        m["fileRef"] for k, m in music.items() if k != "music-003"
    }
    [duplicate] = report.of(Problem.DUPLICATE)
    assert duplicate.record == "music-004" and "music-001" in duplicate.message
    assert [a.record for a in report.of(Problem.BASE64_EXTRACTED)] == ["music-003"]
    assert sorted(a.record or "" for a in report.of(Problem.RENAMED_TRACK)) == sorted(music)


async def test_the_narration_is_flagged(store: Store, files: LocalFileStore, legacy: Path) -> None:
    report, graph = await imported(store, files, legacy)
    [narration] = graph.assets(type="audio")
    assert narration["metadataMissing"] is True
    assert (narration["provider"], narration["model"], narration["status"]) == (
        "unknown",
        "unknown",
        "ready",
    )
    assert narration["fileSha256"] == sha256(legacy / "fox-story/audio/narration.mp3")
    assert narration["slot"] == "fox-story/audio/narration" and narration["isCurrent"]
    assert [a.path for a in report.of(Problem.METADATA_MISSING)] == [
        "fox-story/audio/narration.mp3"
    ]


async def test_every_anomaly_of_the_sample_is_reported(
    store: Store, files: LocalFileStore, legacy: Path
) -> None:
    report, _ = await imported(store, files, legacy)
    problems: dict[Problem, Any] = dict(report.problems())
    assert problems == {
        Problem.LOST_VIDEO: 5,
        Problem.MISSING_FILE: 2,
        Problem.DANGLING_REFERENCE: 1,
        Problem.BASE64_EXTRACTED: 1,
        Problem.DUPLICATE: 1,
        Problem.RENAMED_TRACK: 4,
        Problem.METADATA_MISSING: 1,
        Problem.MISSING_FIELD: 2,  # music-002 has no lyrics; tracks record no model
    }
    assert sorted(a.record or "" for a in report.of(Problem.MISSING_FILE)) == [
        "shot-005",
        "video_1767176103882_c8ub1v",
    ]
    assert report.to_json()["anomalies"][0].keys() >= {"problem", "path", "message", "record"}


DETAIL = """query($id: ID!) { asset(id: $id) {
  id version isCurrent status fileMissing fileProblem metadataMissing params
  frames { role position asset { id } }
  versions { id version } previousVersion { id } currentVersion { id } } }"""


async def test_the_api_reads_imported_assets_like_any_other(
    store: Store, files: LocalFileStore, legacy: Path, gql: GraphQLClient
) -> None:
    _, graph = await imported(store, files, legacy)
    repository = AssetRepository(store)
    for props in graph.with_label("Asset"):
        asset = await repository.find(props["id"])
        assert isinstance(asset, Asset) and asset.id == props["id"]
    lost = graph.by_legacy_id("video_1767098611720_n1ce6y")
    found = (await gql.data(DETAIL, id=lost["id"]))["asset"]
    current = graph.by_legacy_id(ON_DISK)["id"]
    assert (found["version"], found["isCurrent"], found["status"]) == (9, False, "READY")
    assert (found["fileMissing"], found["fileProblem"]) == (True, "lost")
    assert [v["version"] for v in found["versions"]] == list(range(1, 12))
    assert found["currentVersion"]["id"] == current
    assert found["previousVersion"]["id"] == graph.by_legacy_id("video_1767098538412_h8vd3u")["id"]
    assert [(f["role"], f["position"]) for f in found["frames"]] == [("START", 0), ("END", 0)]
    assert found["params"]["startShotId"] == "shot-001"
    narration = graph.assets(type="audio")[0]["id"]
    assert (await gql.data(DETAIL, id=narration))["asset"]["metadataMissing"] is True
