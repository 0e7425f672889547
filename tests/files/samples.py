"""Real, small media files: Pillow-made images, a stdlib WAV, a generated VP8 WebM, the
committed MP3/MP4 samples."""

from __future__ import annotations

import io
import struct
import wave
from collections.abc import AsyncIterator
from pathlib import Path

from PIL import Image

SAMPLE_MEDIA = Path(__file__).resolve().parents[2] / "scripts" / "sample_media"
MP3 = (SAMPLE_MEDIA / "narration.mp3").read_bytes()
MP3_SHORT = (SAMPLE_MEDIA / "music-a.mp3").read_bytes()
MP4 = (SAMPLE_MEDIA / "001-002.mp4").read_bytes()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(fmt: str = "JPEG", color: str = "red", size: tuple[int, int] = (40, 30)) -> bytes:
    """A valid image of the given Pillow format; different colours give different bytes."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def wav_bytes(frames: int = 8000, rate: int = 8000) -> bytes:
    """One second (by default) of 8-bit mono silence."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(b"\x80" * frames)
    return buffer.getvalue()


async def chunks(data: bytes, size: int = 1000) -> AsyncIterator[bytes]:
    """The bytes as an async stream of small chunks, like an HTTP body."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


def files_under(folder: Path) -> list[Path]:
    """Every regular file below a folder (catalog, staging, index, metadata)."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _ebml(element_id: int, payload: bytes) -> bytes:
    """One EBML element: its id, its size as the shortest vint (as muxers write), its payload."""
    length = next(n for n in range(1, 9) if len(payload) < (1 << (7 * n)) - 1)
    size = (1 << (7 * length)) | len(payload)
    id_bytes = element_id.to_bytes((element_id.bit_length() + 7) // 8, "big")
    return id_bytes + size.to_bytes(length, "big") + payload


def _uint(element_id: int, value: int) -> bytes:
    return _ebml(element_id, value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def vp8_keyframe(size: tuple[int, int], color: str) -> bytes:
    """A VP8 key frame: the bitstream inside a lossy WebP that Pillow writes."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "WEBP", quality=60)
    riff = buffer.getvalue()
    assert riff[12:16] == b"VP8 ", "Pillow wrote an extended WebP"
    length = int.from_bytes(riff[16:20], "little")
    return riff[20 : 20 + length]


def webm_bytes(
    size: tuple[int, int] = (64, 48), frames: int = 25, fps: int = 25, color: str = "#2266aa"
) -> bytes:
    """A playable WebM: one VP8 video track, `frames` key frames at `fps` (1 s by default)."""
    frame = vp8_keyframe(size, color)
    step_ms = 1000 // fps
    header = _ebml(
        0x1A45DFA3,
        _uint(0x4286, 1)
        + _uint(0x42F7, 1)
        + _uint(0x42F2, 4)
        + _uint(0x42F3, 8)
        + _ebml(0x4282, b"webm")
        + _uint(0x4287, 2)
        + _uint(0x4285, 2),
    )
    info = _ebml(
        0x1549A966,
        _uint(0x2AD7B1, 1_000_000)
        + _ebml(0x4489, struct.pack(">d", frames * step_ms))
        + _ebml(0x4D80, b"lineage-tests")
        + _ebml(0x5741, b"lineage-tests"),
    )
    video = _ebml(0xE0, _uint(0xB0, size[0]) + _uint(0xBA, size[1]))
    track = _ebml(
        0xAE,
        _uint(0xD7, 1) + _uint(0x73C5, 1) + _uint(0x83, 1) + _ebml(0x86, b"V_VP8") + video,
    )
    blocks = b"".join(
        _ebml(0xA3, b"\x81" + (n * step_ms).to_bytes(2, "big") + b"\x80" + frame)
        for n in range(frames)
    )
    cluster = _ebml(0x1F43B675, _uint(0xE7, 0) + blocks)
    return header + _ebml(0x18538067, info + _ebml(0x1654AE6B, track) + cluster)
