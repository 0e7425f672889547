#!/usr/bin/env python3
"""Generate the sample legacy FliGen ``assets/`` tree (demo data and test fixture).

Usage::

    python3 scripts/make_sample_assets.py [TARGET]      # TARGET defaults to ./assets

Needs only Python 3 and Pillow. The output is deterministic: running it twice
gives byte-identical files (JPEGs are drawn with Pillow; the MP3/MP4 bytes are
copied from ``scripts/sample_media/``, made once with ffmpeg, see the README
there). JSON is written the way the Node app wrote it (``JSON.stringify(x, null,
2)``: two-space indent, raw UTF-8, no trailing newline).

The tree follows ``legacy-formats.md`` and deliberately contains the anomalies
listed in ``ANOMALIES`` below (also written to ``TARGET/README.md``); tests rely
on them, so change them only together with the tests.
"""

from __future__ import annotations

import argparse
import base64
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

MEDIA_DIR = Path(__file__).resolve().parent / "sample_media"

# Files that must NOT exist in the tree (deliberate anomalies); removed if present.
MUST_BE_MISSING = (
    "shot-list/shot-005.jpg",
    "video-scenes/003-004.mp4",
    "video-scenes/004-009.mp4",
    "music-library/music-003.mp3",
)

ANOMALIES = (
    "shot-list: shot-005 is in index.json but shot-005.jpg is missing on disk.",
    "shot-list: shot-003 carries unknown extra fields `seed: 42` and `guidanceScale: 7.5`"
    " (must be kept as metadata).",
    "shot-list: width/height say 1024x1024 (what the app claimed) but the JPEGs are 64x64"
    " placeholders.",
    "video-scenes: 11 attempts share the file name 001-002.mp4 (6 failed, 5 completed);"
    " only the last completed one (video_1767098871389_l7u4j4) has bytes on disk, the"
    " four earlier completed attempts lost their files.",
    "video-scenes: 002-003.mp4 has 2 completed attempts; the file holds the later one"
    " (video_1767099834552_w2ry7g).",
    "video-scenes: 003-004.mp4 has 1 pending attempt and no file.",
    "video-scenes: 004-009.mp4 is completed but its file is missing, and its endShotId"
    " shot-009 does not exist in the shot list (dangling reference).",
    "video-scenes: entries are NOT in createdAt order; the importer must sort them.",
    "video-scenes: `error` is present only on failed attempts; completedAt is null on"
    " failed and pending attempts; the animation prompt is never stored.",
    "video-scenes: `duration` is what the app claimed (5 or 8 s); the MP4s are 1 s,"
    " 64x64 placeholders.",
    "music-library: every track is named 'Track 1'.",
    "music-library: music-003 exists only as audioBase64 (no music-003.mp3 file).",
    "music-library: music-004 is a duplicate by content of music-001 (its audioBase64 and"
    " its music-004.mp3 file are byte-identical to music-001).",
    "music-library: music-002 carries an unknown extra field `requestId` (keep it).",
    "music-library: `lyrics` is absent (key omitted) on music-002; prompts/lyrics of"
    " music-001 and music-004 are Thai.",
    "fox-story: narration.mp3 has no metadata at all; images/ and video/ are empty"
    " (only a .gitkeep, which the importer must ignore, like this README).",
)

PROJECT_CODE = "VSS-001"

SHOTS: tuple[dict[str, Any], ...] = (
    {
        "id": "shot-001",
        "prompt": (
            "Retro 1960s children's book illustration of a small red fox sitting at the"
            " edge of a misty pine forest at dawn, soft peach sky, muted greens and"
            " ochres, visible paper grain and gouache texture, gentle flat shapes,"
            " centered composition, wide margins"
        ),
        "provider": "fal",
        "model": "Flux Pro v1.1",
        "createdAt": "2025-12-30T12:17:29.417Z",
    },
    {
        "id": "shot-002",
        "prompt": (
            "Same scene and same style as the reference image: the red fox now stands on a"
            " mossy fallen log, looking toward a distant village with warm lit windows;"
            " keep the palette, paper texture and framing identical"
        ),
        "provider": "kie",
        "model": "nano-banana",
        "createdAt": "2025-12-30T12:20:41.238Z",
    },
    {
        "id": "shot-003",
        "prompt": (
            "Retro 1960s children's book illustration, the red fox trotting along a"
            " winding dirt path between wheat fields under a clear blue morning sky,"
            " tiny village on the horizon, gouache texture, muted palette"
        ),
        "provider": "fal",
        "model": "Flux Pro v1.1",
        "createdAt": "2025-12-30T12:51:07.902Z",
        "seed": 42,
        "guidanceScale": 7.5,
    },
    {
        "id": "shot-004",
        "prompt": (
            "Same style as the reference image: dusk, the red fox peeks over a low stone"
            " wall at the village square, lanterns glowing, indigo sky, keep the fox's"
            " proportions and the paper texture"
        ),
        "provider": "kie",
        "model": "nano-banana",
        "createdAt": "2025-12-30T13:02:55.064Z",
    },
    {
        "id": "shot-005",
        "prompt": (
            "Retro 1960s children's book illustration, night, the red fox curled up asleep"
            " under a big round moon on a hill above the village, deep navy sky, soft"
            " stars, gouache and paper grain"
        ),
        "provider": "kie",
        "model": "nano-banana",
        "createdAt": "2025-12-31T09:41:18.530Z",
    },
)

# sky top, sky bottom, ground, sun/moon, fox position (x, y) on a 64x64 canvas
SHOT_PALETTES: dict[str, tuple[str, str, str, str, tuple[int, int]]] = {
    "shot-001": ("#F2C59B", "#E8956A", "#2F5D3A", "#FFF1C7", (18, 44)),
    "shot-002": ("#E3B27E", "#C97F4F", "#4A6B2F", "#FFE3A1", (30, 40)),
    "shot-003": ("#8FB8DA", "#CFE3EE", "#B89B4A", "#FFF8D9", (44, 46)),
    "shot-004": ("#2E3A6B", "#6A5A8C", "#3A3F2E", "#F7D07A", (38, 42)),
    "shot-005": ("#0E1430", "#27305A", "#18241A", "#F4F0DC", (28, 48)),
}

# Video attempts in the (deliberately unsorted) order they appear in index.json:
# (filename, start, end, provider, model, duration, status, createdAt, completedAt, error, sfx)
# fmt: off
VIDEO_ROWS: tuple[tuple[Any, ...], ...] = (
    ("001-002.mp4", "shot-001", "shot-002", "kie", "veo3", 8, "failed",
     "2025-12-30T12:22:54.616Z", None, "Provider timeout after 300s", "k04dcm"),
    ("001-002.mp4", "shot-001", "shot-002", "kie", "veo3", 8, "failed",
     "2025-12-30T12:30:39.589Z", None,
     "KIE API error 500: Internal server error (taskId veo_7f31c2a9)", "mg12vl"),
    ("001-002.mp4", "shot-001", "shot-002", "fal", "kling-o1", 5, "failed",
     "2025-12-30T12:35:02.377Z", None,
     "fal.ai request failed: 422 Unprocessable Entity - end image aspect ratio does not"
     " match start image", "b7hn2e"),
    ("001-002.mp4", "shot-001", "shot-002", "fal", "kling-o1", 5, "completed",
     "2025-12-30T12:32:41.204Z", "2025-12-30T12:33:43.918Z", None, "x3p9qa"),
    ("001-002.mp4", "shot-001", "shot-002", "fal", "wan-flf2v", 5, "completed",
     "2025-12-30T12:36:55.840Z", "2025-12-30T12:37:44.102Z", None, "q9w1zt"),
    ("001-002.mp4", "shot-001", "shot-002", "kie", "veo3", 8, "completed",
     "2025-12-30T12:39:07.051Z", "2025-12-30T12:40:42.663Z", None, "f2jk8m"),
    ("002-003.mp4", "shot-002", "shot-003", "fal", "kling-o1", 5, "completed",
     "2025-12-30T12:55:12.448Z", "2025-12-30T12:56:20.031Z", None, "p4sd8k"),
    ("001-002.mp4", "shot-001", "shot-002", "fal", "wan-flf2v", 5, "failed",
     "2025-12-30T12:42:18.412Z", None,
     "Video generation failed: output did not pass the content safety check", "h8vd3u"),
    ("001-002.mp4", "shot-001", "shot-002", "fal", "kling-o1", 5, "failed",
     "2025-12-30T12:40:55.963Z", None, "Rate limit exceeded (429). Retry after 60s", "r5tx0c"),
    ("001-002.mp4", "shot-001", "shot-002", "kie", "veo3", 8, "completed",
     "2025-12-30T12:43:31.720Z", "2025-12-30T12:44:59.274Z", None, "n1ce6y"),
    ("001-002.mp4", "shot-001", "shot-002", "fal", "wan-flf2v", 5, "failed",
     "2025-12-30T12:45:20.775Z", None,
     "fal.ai request failed: 502 Bad Gateway", "z6mq2p"),
    ("004-009.mp4", "shot-004", "shot-009", "fal", "kling-o1", 5, "completed",
     "2025-12-31T10:15:03.882Z", "2025-12-31T10:16:11.540Z", None, "c8ub1v"),
    ("001-002.mp4", "shot-001", "shot-002", "fal", "wan-flf2v", 5, "completed",
     "2025-12-30T12:47:51.389Z", "2025-12-30T12:48:35.756Z", None, "l7u4j4"),
    ("003-004.mp4", "shot-003", "shot-004", "kie", "veo3", 8, "pending",
     "2025-12-30T13:06:40.317Z", None, None, "t0gx5n"),
    ("002-003.mp4", "shot-002", "shot-003", "kie", "veo3", 8, "completed",
     "2025-12-30T13:03:54.552Z", "2025-12-30T13:05:21.907Z", None, "w2ry7g"),
)
# fmt: on

# Video files on disk: file name -> pre-made media (bytes of the last completed attempt).
VIDEO_FILES = {"001-002.mp4": "001-002.mp4", "002-003.mp4": "002-003.mp4"}

THAI_LYRICS = "\n".join(
    [
        "ช้าง ช้าง ช้าง น่ารักจริงจริง",
        "เดินช้าช้า ตามทางริมน้ำ",
        "หูใหญ่โบกไปมา งวงยาวทักทาย",
        "มาเล่นด้วยกันนะ เพื่อนช้างตัวน้อย",
    ]
)

FOX_LYRICS = (
    "Little fox by the river, where the morning light is thin,\n"
    "Paws upon the silver ice and the cold wind on your skin.\n"
    "Hop, hop, don't look down, the far bank's calling you home,\n"
    "Little fox by the river, you were never alone."
)

# id, media file for audioBase64, file written beside the index (or None), other fields
# fmt: off
MUSIC_ROWS: tuple[tuple[str, str, str | None, dict[str, Any]], ...] = (
    ("music-001", "music-a.mp3", "music-001.mp3",
     {"provider": "kie", "prompt": "ช้าง ช้าง ช้าง น่ารักจริงจริง", "lyrics": THAI_LYRICS}),
    ("music-002", "music-b.mp3", "music-002.mp3",
     {"provider": "fal",
      "prompt": "Lo-fi hip hop beat with warm vinyl crackle, mellow Rhodes chords and soft"
                " brushed drums, relaxed late-night mood",
      "requestId": "3f9c2a7e-51b4-4d0e-8c6a-9e27d1b4f053"}),
    ("music-003", "music-c.mp3", None,
     {"provider": "kie",
      "prompt": "Upbeat acoustic folk song about a fox crossing a frozen river at dawn,"
                " whistling, hand claps, warm male vocal",
      "lyrics": FOX_LYRICS}),
    ("music-004", "music-a.mp3", "music-004.mp3",
     {"provider": "kie", "prompt": "ช้าง ช้าง ช้าง น่ารักจริงจริง", "lyrics": THAI_LYRICS}),
)
# fmt: on

PROJECT = {
    "projectCode": PROJECT_CODE,
    "title": "Vibe Story Segment 1",
    "createdAt": "2026-01-02T09:14:00.000Z",
    "updatedAt": "2026-01-03T17:40:12.000Z",
    "flihub": {"chapterId": "ch-07", "segmentIds": ["seg-071", "seg-072"]},
}

HUMAN_PROMPTS = {
    "projectCode": PROJECT_CODE,
    "prompts": [
        {
            "id": "hp-001",
            "kind": "seed",
            "text": (
                "A small red fox sitting at the edge of a misty pine forest at dawn. Retro"
                " 1960s children's book illustration, gouache on textured paper, muted"
                " greens and ochres, soft peach sky."
            ),
            "createdAt": "2026-01-02T09:16:43.120Z",
        },
        {
            "id": "hp-002",
            "kind": "edit",
            "text": (
                "Keep everything about the first image, but move the fox onto a mossy"
                " fallen log and have it look toward a distant village with warm lit"
                " windows."
            ),
            "createdAt": "2026-01-02T09:19:05.774Z",
        },
        {
            "id": "hp-003",
            "kind": "animation",
            "text": (
                "Slow dolly forward while the fox hops from the forest edge onto the log;"
                " mist drifts left to right, gentle parallax between trees and village,"
                " the camera settles on the fox's face. Five seconds, no cuts."
            ),
            "createdAt": "2026-01-03T17:38:51.009Z",
        },
    ],
}

SOURCE_TRANSCRIPTS = {
    "transcripts": [
        {
            "segmentId": "seg-071",
            "text": (
                "So the fox has been sitting at the edge of the forest all night, right?"
                " And as the sun comes up, the mist is still hanging between the pines,"
                " and it's just watching. Waiting for something to happen."
            ),
            "createdAt": "2026-01-02T09:14:00.000Z",
        },
        {
            "segmentId": "seg-072",
            "text": (
                "And then it hops up onto this old mossy log and, for the first time, it"
                " can see the village. Little windows, warm light. That's the moment the"
                " story actually starts."
            ),
            "createdAt": "2026-01-02T09:14:00.000Z",
        },
    ]
}


def iso_to_ms(iso: str) -> int:
    """Epoch milliseconds of an ISO-8601 UTC string like ``2025-12-30T12:22:54.616Z``."""
    moment = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return round(moment.timestamp() * 1000)


def write_json(path: Path, data: Any) -> None:
    """Write JSON like the Node app: ``JSON.stringify(data, null, 2)``, no final newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def media_bytes(name: str) -> bytes:
    return (MEDIA_DIR / name).read_bytes()


def draw_shot(shot_id: str) -> Image.Image:
    """A 64x64 placeholder 'illustration': gradient sky, sun or moon, ground, a fox."""
    sky_top, sky_bottom, ground, sun, (fx, fy) = SHOT_PALETTES[shot_id]
    image = Image.new("RGB", (64, 64))
    draw = ImageDraw.Draw(image)
    top = Image.new("RGB", (1, 1), sky_top).getpixel((0, 0))
    bottom = Image.new("RGB", (1, 1), sky_bottom).getpixel((0, 0))
    assert isinstance(top, tuple)
    assert isinstance(bottom, tuple)
    for y in range(40):
        mix = y / 39
        colour = tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (63, y)], fill=colour)
    draw.ellipse([44, 6, 56, 18], fill=sun)
    draw.rectangle([0, 40, 63, 63], fill=ground)
    draw.polygon([(fx - 6, fy + 6), (fx + 6, fy + 6), (fx, fy - 6)], fill="#D2652D")
    draw.polygon([(fx - 4, fy - 4), (fx - 2, fy - 9), (fx, fy - 5)], fill="#D2652D")
    draw.polygon([(fx + 4, fy - 4), (fx + 2, fy - 9), (fx, fy - 5)], fill="#D2652D")
    draw.ellipse([fx - 2, fy + 2, fx + 2, fy + 6], fill="#F6E7D2")
    return image


def write_projects(root: Path) -> None:
    folder = root / "projects" / PROJECT_CODE
    write_json(folder / "project.json", PROJECT)
    write_json(folder / "human_prompts.json", HUMAN_PROMPTS)
    write_json(folder / "source_transcripts.json", SOURCE_TRANSCRIPTS)


def write_shots(root: Path) -> None:
    folder = root / "shot-list"
    folder.mkdir(parents=True, exist_ok=True)
    shots: list[dict[str, Any]] = []
    for spec in SHOTS:
        filename = f"{spec['id']}.jpg"
        extra = {
            k: v
            for k, v in spec.items()
            if k not in ("id", "prompt", "provider", "model", "createdAt")
        }
        shots.append(
            {
                "id": spec["id"],
                "filename": filename,
                "url": f"/assets/shot-list/{filename}",
                "prompt": spec["prompt"],
                "provider": spec["provider"],
                "model": spec["model"],
                "width": 1024,
                "height": 1024,
                "createdAt": spec["createdAt"],
                **extra,
            }
        )
        if f"shot-list/{filename}" not in MUST_BE_MISSING:
            draw_shot(spec["id"]).save(folder / filename, "JPEG", quality=85)
    write_json(folder / "index.json", {"shots": shots})


def video_entry(row: tuple[Any, ...]) -> dict[str, Any]:
    filename, start, end, provider, model, duration, status, created, completed, error, sfx = row
    entry: dict[str, Any] = {
        "id": f"video_{iso_to_ms(created)}_{sfx}",
        "filename": filename,
        "url": f"/assets/video-scenes/{filename}",
        "startShotId": start,
        "endShotId": end,
        "provider": provider,
        "model": model,
        "duration": duration,
        "status": status,
    }
    if error is not None:
        entry["error"] = error
    entry["createdAt"] = created
    entry["completedAt"] = completed
    return entry


def write_videos(root: Path) -> None:
    folder = root / "video-scenes"
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / "index.json", {"videos": [video_entry(row) for row in VIDEO_ROWS]})
    for filename, media in VIDEO_FILES.items():
        (folder / filename).write_bytes(media_bytes(media))


def write_music(root: Path) -> None:
    folder = root / "music-library"
    folder.mkdir(parents=True, exist_ok=True)
    tracks: list[dict[str, Any]] = []
    for track_id, media, on_disk, fields in MUSIC_ROWS:
        audio = media_bytes(media)
        known: dict[str, Any] = {
            k: fields[k] for k in ("provider", "prompt", "lyrics") if k in fields
        }
        extra = {k: v for k, v in fields.items() if k not in known}
        tracks.append(
            {
                "id": track_id,
                "name": "Track 1",
                "filename": f"{track_id}.mp3",
                "audioBase64": base64.b64encode(audio).decode("ascii"),
                **known,
                **extra,
            }
        )
        if on_disk is not None:
            (folder / on_disk).write_bytes(audio)
    write_json(folder / "index.json", {"tracks": tracks})


def write_fox_story(root: Path) -> None:
    folder = root / "fox-story"
    (folder / "audio").mkdir(parents=True, exist_ok=True)
    (folder / "audio" / "narration.mp3").write_bytes(media_bytes("narration.mp3"))
    for sub in ("images", "video"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / sub / ".gitkeep").write_bytes(b"")


def readme_text() -> str:
    lines = [
        "# Sample legacy FliGen `assets/` tree",
        "",
        "Demo data and test fixture for the Lineage importer: a small copy of the folder the",
        "FliGen studio app wrote, in exactly the shapes of `legacy-formats.md`. Generated by",
        "`python3 scripts/make_sample_assets.py` (deterministic; do not edit by hand).",
        "Media are tiny but valid placeholders: 64x64 JPEGs, 1 s 64x64 H.264+AAC MP4s, and",
        "MP3s of a fraction of a second (espeak-ng speech for the narration).",
        "This README and the `.gitkeep` files are not part of the legacy format.",
        "",
        "## Deliberate anomalies",
        "",
    ]
    lines += [f"- {item}" for item in ANOMALIES]
    return "\n".join(lines) + "\n"


def remove_missing(root: Path) -> None:
    for rel in MUST_BE_MISSING:
        (root / rel).unlink(missing_ok=True)


def build(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    write_projects(root)
    write_shots(root)
    write_videos(root)
    write_music(root)
    write_fox_story(root)
    (root / "README.md").write_text(readme_text(), encoding="utf-8")
    remove_missing(root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "target", nargs="?", default="assets", type=Path, help="folder to write (default: assets)"
    )
    args = parser.parse_args()
    if not MEDIA_DIR.is_dir():
        raise SystemExit(f"missing pre-made media folder {MEDIA_DIR}")
    build(args.target)
    print(f"wrote sample legacy assets to {args.target}")


if __name__ == "__main__":
    main()
