"""Real, small media files: Pillow-made images, a stdlib WAV, the committed MP3/MP4 samples."""

from __future__ import annotations

import io
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
