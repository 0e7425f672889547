"""Derived files on disk: made once per file content, never from a file they cannot read,
never upscaled, memory-bounded, removed with their original (no Neo4j)."""

from __future__ import annotations

import asyncio
import io
import logging
from pathlib import Path

import pytest
from PIL import Image

from lineage.files import AssetType, FileClaim, LocalFileStore, StoredFile
from lineage.files import derived as derived_module
from lineage.files.derived import Derivatives, Original, PreviewSize
from lineage.files.pictures import UnreadableMediaError, image_preview
from lineage.files.waveform import fold
from tests.files.encoded import mp4_bytes, noisy_jpeg, tone_wav
from tests.files.samples import MP3, files_under, image_bytes


async def saved(files: LocalFileStore, asset_type: AssetType, data: bytes) -> Original:
    source = files.layout.catalog.parent / "incoming"
    source.write_bytes(data)
    stored: StoredFile = await files.copy_from_path(source, FileClaim(asset_type, "fal", "m"))
    return Original(stored.ref, stored.sha256, stored.media_type)


def picture(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


async def test_a_small_image_is_never_upscaled(file_store: LocalFileStore) -> None:
    original = await saved(file_store, AssetType.IMAGE, image_bytes("PNG", size=(100, 50)))
    found = await Derivatives(file_store).preview(original, PreviewSize.DETAIL)
    assert found is not None and (found.width, found.height) == (100, 50)
    assert found.name == f"{original.sha256}-detail.webp"


async def test_a_large_jpeg_is_decoded_reduced_and_fitted(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    path.write_bytes(noisy_jpeg((2400, 1800)))
    with Image.open(path) as opened:
        opened.draft("RGB", (320, 240))
        assert opened.size == (600, 450)  # libjpeg decodes at a quarter: 1/16 of the pixels
    assert image_preview(path, 320).size == (320, 240)


async def test_more_pixels_than_the_limit_are_never_decoded(
    file_store: LocalFileStore, caplog: pytest.LogCaptureFixture
) -> None:
    original = await saved(file_store, AssetType.IMAGE, image_bytes(size=(200, 100)))
    file_store.max_image_pixels = 10_000
    with caplog.at_level(logging.WARNING, "lineage.files.derived"):
        assert await Derivatives(file_store).preview(original, PreviewSize.GRID) is None
    assert "20000 pixels; the limit is 10000 (LINEAGE_MAX_IMAGE_PIXELS)" in caplog.text
    file_store.max_image_pixels = 20_000  # the limit raised: no note kept it from being made
    assert await Derivatives(file_store).preview(original, PreviewSize.GRID) is not None
    file_store.max_image_pixels = 10_000
    with pytest.raises(UnreadableMediaError, match="LINEAGE_MAX_IMAGE_PIXELS"):
        image_preview(file_store.local_path(original.ref), 320, max_pixels=10_000)


async def test_a_video_poster_skips_black_frames(file_store: LocalFileStore) -> None:
    clip = mp4_bytes(size=(640, 360), frames=50, black_frames=20)
    original = await saved(file_store, AssetType.VIDEO, clip)
    found = await Derivatives(file_store).preview(original, PreviewSize.GRID)
    assert found is not None and (found.width, found.height) == (320, 180)
    poster = picture(file_store.layout.derived_path(found.name).read_bytes()).convert("RGB")
    red, green, blue = poster.getpixel((160, 90))  # type: ignore[misc]
    assert red > 200 and 90 < green < 150 and blue < 70, (red, green, blue)  # orange, not black


async def test_concurrent_first_requests_make_it_once(
    file_store: LocalFileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[Path] = []

    def counted(path: Path, longest: int, max_pixels: int) -> Image.Image:
        made.append(path)
        return image_preview(path, longest, max_pixels)

    monkeypatch.setattr(derived_module, "image_preview", counted)
    original = await saved(file_store, AssetType.IMAGE, image_bytes(size=(800, 600)))
    derivatives = Derivatives(file_store)
    found = await asyncio.gather(
        *(derivatives.preview(original, PreviewSize.GRID) for _ in range(8))
    )
    assert len(made) == 1 and len(set(found)) == 1 and found[0] is not None
    assert [p.name for p in files_under(file_store.layout.derived)] == [found[0].name]
    assert files_under(file_store.layout.staging) == []
    # another process (a fresh Derivatives) finds it made
    assert await Derivatives(file_store).preview(original, PreviewSize.GRID) == found[0]
    assert len(made) == 1


async def test_an_unreadable_file_is_noted_once_and_a_missing_one_not_at_all(
    file_store: LocalFileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    corrupt = await saved(file_store, AssetType.IMAGE, image_bytes(size=(400, 300)))
    path = file_store.local_path(corrupt.ref)
    path.write_bytes(path.read_bytes()[:200])  # truncated on disk after it was stored
    derivatives = Derivatives(file_store)
    assert await derivatives.preview(corrupt, PreviewSize.GRID) is None
    note = file_store.layout.derived_path(f"{corrupt.sha256}-grid.failed")
    assert "not a readable image" in note.read_text()
    monkeypatch.setattr(derived_module, "image_preview", None)  # never called again
    assert await derivatives.preview(corrupt, PreviewSize.GRID) is None
    monkeypatch.undo()
    missing = await saved(file_store, AssetType.IMAGE, image_bytes(color="blue"))
    file_store.local_path(missing.ref).unlink()
    assert await derivatives.preview(missing, PreviewSize.GRID) is None
    assert [p.name for p in files_under(file_store.layout.derived)] == [note.name]


async def test_a_waveform_follows_the_sound(file_store: LocalFileStore) -> None:
    tone = await saved(file_store, AssetType.AUDIO, tone_wav(seconds=2.0))
    peaks = await Derivatives(file_store).waveform(tone, 16)
    assert peaks is not None and len(peaks) == 16
    assert max(peaks[:7]) < 0.01 and min(peaks[9:]) > 0.45, peaks  # silence, then the tone
    assert all(peak <= 0.51 for peak in peaks)
    voice = await saved(file_store, AssetType.AUDIO, MP3)
    assert len(await Derivatives(file_store).waveform(voice, 512) or []) == 512
    assert await Derivatives(file_store).preview(voice, PreviewSize.GRID) is None


def test_fold_keeps_the_largest_peak_of_each_span() -> None:
    assert fold([0.1, 0.9, 0.2, 0.3, 0.4, 0.5], 3) == [0.9, 0.3, 0.5]
    assert fold([0.1, 0.2], 4) == [0.1, 0.1, 0.2, 0.2]


async def test_derivatives_of_removed_originals_are_removed(file_store: LocalFileStore) -> None:
    kept = await saved(file_store, AssetType.IMAGE, image_bytes(color="green"))
    gone = await saved(file_store, AssetType.IMAGE, image_bytes(color="navy"))
    derivatives = Derivatives(file_store)
    for original in (kept, gone):
        assert await derivatives.preview(original, PreviewSize.GRID) is not None
    assert file_store.remove_unnamed(gone.ref, cutoff=float("inf"))
    removed = derivatives.remove_orphaned()
    assert [entry.ref for entry in removed] == [f"{gone.sha256}-grid.webp"]
    assert [p.name for p in files_under(file_store.layout.derived)] == [f"{kept.sha256}-grid.webp"]


async def test_a_damaged_derived_file_gives_none(file_store: LocalFileStore) -> None:
    original = await saved(file_store, AssetType.IMAGE, image_bytes(color="maroon"))
    derivatives = Derivatives(file_store)
    made = await derivatives.preview(original, PreviewSize.GRID)
    assert made is not None
    file_store.layout.derived_path(made.name).write_bytes(b"not a picture")
    assert await derivatives.preview(original, PreviewSize.GRID) is None


async def test_what_is_read_of_a_derived_file_is_read_once(file_store: LocalFileStore) -> None:
    """A page of cards opens no preview nor waveform again: what was read is remembered
    while the file keeps its size (here overwritten with other bytes of the same length,
    which only a fresh reader sees)."""
    picture_of = await saved(file_store, AssetType.IMAGE, image_bytes(color="olive"))
    sound = await saved(file_store, AssetType.AUDIO, tone_wav())
    derivatives = Derivatives(file_store)
    described = await derivatives.preview(picture_of, PreviewSize.GRID)
    peaks = await derivatives.waveform(sound, 8)
    assert described is not None and peaks is not None and max(peaks) > 0
    preview_file = file_store.layout.derived_path(described.name)
    preview_file.write_bytes(b"x" * described.size_bytes)
    waveform_file = file_store.layout.derived_path(f"{sound.sha256}-waveform.json")
    silent = waveform_file.read_bytes().translate(bytes.maketrans(b"123456789", b"000000000"))
    waveform_file.write_bytes(silent)
    assert await derivatives.preview(picture_of, PreviewSize.GRID) == described
    assert await derivatives.waveform(sound, 8) == peaks
    fresh = Derivatives(file_store)
    assert await fresh.preview(picture_of, PreviewSize.GRID) is None  # damaged, as written
    assert await fresh.waveform(sound, 8) == [0.0] * 8


async def test_a_missing_original_waits_for_no_worker(file_store: LocalFileStore) -> None:
    """A card whose file is not on disk (a catalog of generated assets) is answered at
    once, without a worker's slot or thread; its file may come back and be made."""
    picture_of = await saved(file_store, AssetType.IMAGE, image_bytes(color="teal"))
    sound = await saved(file_store, AssetType.AUDIO, tone_wav(seconds=1.0))
    kept = {o.ref: file_store.local_path(o.ref).read_bytes() for o in (picture_of, sound)}
    for ref in kept:
        file_store.local_path(ref).unlink()
    no_worker_free = Derivatives(file_store, workers=0)
    async with asyncio.timeout(2):
        assert await no_worker_free.preview(picture_of, PreviewSize.GRID) is None
        assert await no_worker_free.waveform(sound, 8) is None
    for ref, data in kept.items():
        file_store.local_path(ref).write_bytes(data)
    assert await Derivatives(file_store).preview(picture_of, PreviewSize.GRID) is not None
    assert await Derivatives(file_store).waveform(sound, 8) is not None


async def test_a_missing_original_is_logged_once_per_derived_file(
    file_store: LocalFileStore, caplog: pytest.LogCaptureFixture
) -> None:
    """A catalog page of assets without their files (asked again every few seconds)
    logs each missing file once, not on every page."""
    picture_of = await saved(file_store, AssetType.IMAGE, image_bytes(color="maroon"))
    sound = await saved(file_store, AssetType.AUDIO, tone_wav(seconds=0.5))
    for original in (picture_of, sound):
        file_store.local_path(original.ref).unlink()
    derivatives = Derivatives(file_store)
    with caplog.at_level(logging.WARNING, "lineage.files.derived"):
        for _ in range(3):
            assert await derivatives.preview(picture_of, PreviewSize.GRID) is None
            assert await derivatives.preview(picture_of, PreviewSize.DETAIL) is None
            assert await derivatives.waveform(sound, 8) is None
    told = [r.getMessage() for r in caplog.records if "its file is missing" in r.getMessage()]
    assert sorted(told) == sorted(
        [
            f"no {picture_of.sha256}-grid.webp for {picture_of.ref}: its file is missing",
            f"no {picture_of.sha256}-detail.webp for {picture_of.ref}: its file is missing",
            f"no {sound.sha256}-waveform.json for {sound.ref}: its file is missing",
        ]
    )
