"""WebM: a generated VP8 clip, proven playable, uploaded, probed, served; broken ones refused."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from lineage.files import AssetType, FileClaim, LocalFileStore
from lineage.files.errors import MediaMismatchError
from tests.files.samples import chunks, files_under, webm_bytes

WEBM = webm_bytes(size=(64, 48), frames=25, fps=25)
VIDEO = {"type": "video", "provider": "kling", "model": "v2"}


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg to decode")
def test_the_sample_decodes_with_ffmpeg(tmp_path: Path) -> None:
    clip = tmp_path / "clip.webm"
    clip.write_bytes(WEBM)
    decoded = subprocess.run(
        ["ffmpeg", "-v", "error", "-xerror", "-i", str(clip), "-f", "framemd5", "-"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert decoded.returncode == 0, decoded.stderr
    frames = [line for line in decoded.stdout.splitlines() if not line.startswith("#")]
    assert len(frames) == 25


def test_upload_probe_fetch_and_ranges(client: httpx.Client) -> None:
    response = client.post(
        "/files",
        params={**VIDEO, "filename": "shot 001.webm"},
        content=WEBM,
        headers={"content-type": "video/webm"},
    )
    assert response.status_code == 201, response.text
    stored = response.json()
    assert stored["ref"].startswith("video/vid-") and stored["ref"].endswith(".webm")
    assert (stored["mediaType"], stored["sizeBytes"]) == ("video/webm", len(WEBM))
    assert (stored["width"], stored["height"], stored["durationSeconds"]) == (64, 48, 1.0)
    fetched = client.get(stored["url"])
    assert fetched.content == WEBM and fetched.headers["content-type"] == "video/webm"
    part = client.get(stored["url"], headers={"range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == WEBM[100:200]


def _void_segment(elements: int) -> bytes:
    """The sample's EBML header, then a segment of `elements` empty Void elements."""
    header_end = WEBM.index(b"\x18\x53\x80\x67")
    body = b"\xec\x80" * elements
    size = (1 << 56 | len(body)).to_bytes(8, "big")
    return WEBM[:header_end] + b"\x18\x53\x80\x67" + size + body


BROKEN = [
    ("header only", WEBM[: WEBM.index(b"\x18\x53\x80\x67")], "no tracks"),
    ("cut in an element", WEBM[:45], "truncated EBML element"),
    ("cut before the tracks", WEBM[:60], "no tracks"),
    ("no tracks", _void_segment(10), "no tracks"),
    ("endless elements", _void_segment(5000), "more than 1000 EBML elements"),
]


@pytest.mark.parametrize(("data", "reason"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
async def test_broken_webm_is_refused_and_nothing_stored(
    file_store: LocalFileStore, data: bytes, reason: str
) -> None:
    with pytest.raises(MediaMismatchError, match=reason):
        await file_store.save(chunks(data), FileClaim(AssetType.VIDEO, "kling", "v2"))
    assert files_under(file_store.layout.catalog) == []


async def test_a_webm_is_not_music(file_store: LocalFileStore) -> None:
    with pytest.raises(MediaMismatchError, match="video/webm"):
        await file_store.save(chunks(WEBM), FileClaim(AssetType.MUSIC, "suno", "v4"))
