"""Synthetic legacy folders for the benchmarks: N records in FliGen's exact formats.

Media are made here, tiny but valid (the file store sniffs and probes them): JPEGs
drawn by Pillow, MP3s of silent MPEG-1 Layer III frames behind an ID3 tag, MP4s of
`ftyp` + `moov/mvhd`. A unique tag or `free` box makes each file's bytes unique.
`STUDIO` sizes pad them to what the studio's files weigh (the persistence audit:
images of a few MB, music of 2 MB and more, videos larger), for benchmarks whose
ratio depends on the bytes moved.
"""

from __future__ import annotations

import base64
import io
import json
import struct
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from PIL import Image

from lineage.models import utc_timestamp

MP3_FRAME = bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(413)  # MPEG-1 L3, 128 kbit/s, 44.1 kHz
START = datetime(2025, 12, 1, tzinfo=UTC)
ATTEMPTS_PER_SLOT = 5
STATUSES = ("failed", "completed", "failed", "completed", "completed")


MB = 1024 * 1024


@dataclass(frozen=True)
class FileSizes:
    """Bytes of each generated file of a kind (0: as small as its format allows, 1-2 KB)."""

    image: int = 0
    video: int = 0
    audio: int = 0


TINY = FileSizes()
STUDIO = FileSizes(image=2 * MB, video=16 * MB, audio=4 * MB)


@dataclass(frozen=True)
class TreeShape:
    records: int
    shots: int
    videos: int
    tracks: int
    files: int


def jpeg(number: int, size: int = 0) -> bytes:
    """A 16x16 JPEG, padded after its end marker to `size` bytes."""
    buffer = io.BytesIO()
    color = (number % 251, (number // 251) % 251, (number // 63001) % 251)
    Image.new("RGB", (16, 16), color).save(buffer, "JPEG", quality=95)
    data = buffer.getvalue()
    return data + bytes(max(0, size - len(data)))


def mp3(unique: bytes, frames: int = 8) -> bytes:
    payload = b"lineage-bench\x00" + unique
    frame = b"PRIV" + struct.pack(">I", len(payload)) + b"\x00\x00" + payload
    size = len(frame)
    syncsafe = bytes([(size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F])
    return b"ID3\x03\x00\x00" + syncsafe + frame + MP3_FRAME * frames


def mp4(unique: bytes, seconds: int = 5, size: int = 0) -> bytes:
    """An MP4 header whose `free` box holds `unique` (padded to about `size` bytes)."""
    unique += bytes(max(0, size - len(unique) - 140))
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2mp41")
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    header = bytes(4) + struct.pack(">IIII", 0, 0, 1000, seconds * 1000)
    mvhd = _box(b"mvhd", header + struct.pack(">IH", 0x10000, 0x100) + bytes(10) + matrix)
    return ftyp + _box(b"moov", mvhd) + _box(b"free", unique)


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _time(seconds: int) -> str:
    return utc_timestamp(START + timedelta(seconds=seconds))


def write_tree(root: Path, records: int, files: int, sizes: FileSizes = TINY) -> TreeShape:
    """A legacy folder of about `records` records, of which `files` carry bytes."""
    shots, tracks = records * 2 // 10, records // 10
    videos = records - shots - tracks
    (root / "projects" / "BENCH-001").mkdir(parents=True)
    _dump(root / "projects" / "BENCH-001" / "project.json", _project())
    _write_shots(root / "shot-list", shots, files // 2, sizes.image)
    _write_videos(root / "video-scenes", videos, shots, files // 4, sizes.video)
    _write_music(root / "music-library", tracks, files - files // 2 - files // 4, sizes.audio)
    return TreeShape(shots + videos + tracks, shots, videos, tracks, files)


def _project() -> dict[str, Any]:
    return {
        "projectCode": "BENCH-001",
        "title": "Benchmark",
        "createdAt": _time(0),
        "updatedAt": _time(1),
        "flihub": {"chapterId": "ch-1", "segmentIds": ["seg-1"]},
    }


def _write_shots(folder: Path, count: int, with_files: int, size: int) -> None:
    folder.mkdir(parents=True)
    shots = []
    for n in range(count):
        name = f"shot-{n:06d}.jpg"
        shots.append(
            {
                "id": f"shot-{n:06d}",
                "filename": name,
                "url": f"/assets/shot-list/{name}",
                "prompt": f"A red fox, scene {n}, retro gouache illustration, muted palette",
                "provider": "fal" if n % 2 else "kie",
                "model": "Flux Pro v1.1" if n % 2 else "nano-banana",
                "width": 1024,
                "height": 1024,
                "createdAt": _time(n),
            }
        )
        if n < with_files:
            (folder / name).write_bytes(jpeg(n, size))
    _dump(folder / "index.json", {"shots": shots})


def _write_videos(folder: Path, count: int, shots: int, with_files: int, size: int) -> None:
    folder.mkdir(parents=True)
    videos = []
    for n in range(count):
        slot, attempt = divmod(n, ATTEMPTS_PER_SLOT)
        start, end = slot % max(shots, 1), (slot + 1) % max(shots, 1)
        filename = f"{start:06d}-{end:06d}-{slot}.mp4"
        status = STATUSES[attempt]
        created = 10_000_000 + n * 60
        video = {
            "id": f"video_{n:09d}",
            "filename": filename,
            "url": f"/assets/video-scenes/{filename}",
            "startShotId": f"shot-{start:06d}",
            "endShotId": f"shot-{end:06d}",
            "provider": "fal",
            "model": "kling-o1",
            "duration": 5,
            "status": status,
            "createdAt": _time(created),
            "completedAt": _time(created + 30) if status == "completed" else None,
        }
        if status == "failed":
            video["error"] = "Provider timeout after 300s"
        videos.append(video)
        if attempt == ATTEMPTS_PER_SLOT - 1 and slot < with_files:
            (folder / filename).write_bytes(mp4(f"video {slot}".encode(), size=size))
    _dump(folder / "index.json", {"videos": videos})


def _write_music(folder: Path, count: int, with_audio: int, size: int) -> None:
    folder.mkdir(parents=True)
    frames = max(8, size // len(MP3_FRAME))
    with (folder / "index.json").open("w", encoding="utf-8") as handle:
        handle.write('{\n  "tracks": [')
        for n in range(count):
            audio = mp3(f"track {n}".encode(), frames) if n < with_audio else None
            if audio is not None and n % 2:
                (folder / f"music-{n:06d}.mp3").write_bytes(audio)
            _write_track(handle, n, audio)
        handle.write("\n  ]\n}")


def write_music_index(folder: Path, megabytes: int, track_megabytes: float) -> int:
    """A music library whose index holds at least `megabytes` MB of base64; track count."""
    folder.mkdir(parents=True)
    frames = max(1, int(track_megabytes * 1024 * 1024) // len(MP3_FRAME))
    per_track = len(base64.b64encode(mp3(b"0", frames)))
    count = -(-megabytes * 1024 * 1024 // per_track)
    with (folder / "index.json").open("w", encoding="utf-8") as handle:
        handle.write('{\n  "tracks": [')
        for n in range(count):
            _write_track(handle, n, mp3(f"track {n}".encode(), frames))
        handle.write("\n  ]\n}")
    return count


def _write_track(handle: TextIO, n: int, audio: bytes | None) -> None:
    track: dict[str, Any] = {
        "id": f"music-{n:06d}",
        "name": "Track 1",
        "filename": f"music-{n:06d}.mp3",
        "provider": "kie",
        "prompt": f"Upbeat acoustic folk song number {n} about a fox crossing a frozen river",
        "lyrics": "Little fox by the river",
    }
    head = json.dumps(track, ensure_ascii=False)[:-1]
    handle.write(("," if n else "") + "\n    " + head + ', "audioBase64": "')
    if audio is not None:
        for start in range(0, len(audio), 3 * 256 * 1024):
            handle.write(base64.b64encode(audio[start : start + 3 * 256 * 1024]).decode("ascii"))
    handle.write('"}')


def _dump(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
