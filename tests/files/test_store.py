"""LocalFileStore with real media: store, read back, dedup, refusals, no overwrite, verify."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from lineage.errors import LineageError, NotFoundError
from lineage.files import AssetType, FileCheck, FileClaim, LocalFileStore
from lineage.files import naming as naming_module
from lineage.files.errors import (
    FileTooLargeError,
    MediaMismatchError,
    NameTakenError,
    PathEscapeError,
    UnsupportedMediaError,
)
from tests.files.samples import (
    MP3,
    MP4,
    PDF,
    chunks,
    files_under,
    image_bytes,
    wav_bytes,
    webm_bytes,
)

NAME = re.compile(r"^(img|vid|aud|thb)-\d{13}-[a-z0-9-]+-[0-9a-f]{6}\.[a-z0-9]+$")


def claim(asset_type: AssetType = AssetType.IMAGE, **claims: str) -> FileClaim:
    return FileClaim(asset_type, "fal", "Flux Pro v1.1", **claims)


@pytest.mark.parametrize(
    ("data", "asset_type", "media_type", "extension"),
    [
        (image_bytes("JPEG"), AssetType.IMAGE, "image/jpeg", "jpg"),
        (image_bytes("PNG"), AssetType.THUMBNAIL, "image/png", "png"),
        (image_bytes("WEBP"), AssetType.IMAGE, "image/webp", "webp"),
        (image_bytes("GIF"), AssetType.IMAGE, "image/gif", "gif"),
        (MP3, AssetType.MUSIC, "audio/mpeg", "mp3"),
        (wav_bytes(), AssetType.AUDIO, "audio/wav", "wav"),
        (MP4, AssetType.VIDEO, "video/mp4", "mp4"),
        (webm_bytes(), AssetType.VIDEO, "video/webm", "webm"),
    ],
)
async def test_stores_and_reads_back_byte_identical(
    file_store: LocalFileStore, data: bytes, asset_type: AssetType, media_type: str, extension: str
) -> None:
    stored = await file_store.save(chunks(data), claim(asset_type))
    assert file_store.local_path(stored.ref).read_bytes() == data
    assert stored.ref == f"{asset_type.value}/{stored.filename}"
    assert NAME.match(stored.filename) and stored.filename.endswith(f".{extension}")
    assert stored.url == f"/files/{stored.ref}"
    assert (stored.media_type, stored.size_bytes, stored.deduplicated) == (
        media_type,
        len(data),
        False,
    )
    assert await file_store.describe(stored.ref) == stored
    assert files_under(file_store.layout.staging) == []


async def test_probes_image_size_and_media_duration(file_store: LocalFileStore) -> None:
    image = await file_store.save(chunks(image_bytes(size=(64, 48))), claim())
    audio = await file_store.save(chunks(MP3), claim(AssetType.AUDIO))
    video = await file_store.save(chunks(MP4), claim(AssetType.VIDEO))
    wav = await file_store.save(chunks(wav_bytes(frames=4000)), claim(AssetType.AUDIO))
    assert (image.width, image.height, image.duration_seconds) == (64, 48, None)
    assert audio.duration_seconds == pytest.approx(5.18, abs=0.05)
    assert video.duration_seconds == pytest.approx(1.0, abs=0.1)
    assert (video.width, video.height, audio.width) == (64, 64, None)
    assert wav.duration_seconds == pytest.approx(0.5)
    assert image.filename.startswith("img-") and "-fal-flux-pro-v1-1-" in image.filename
    assert audio.filename.startswith("aud-") and video.filename.startswith("vid-")


async def test_json_is_camel_case(file_store: LocalFileStore) -> None:
    stored = await file_store.save(chunks(MP3), claim(AssetType.MUSIC))
    keys = set(stored.model_dump(by_alias=True))
    assert {"assetType", "sizeBytes", "mediaType", "durationSeconds", "deduplicated"} <= keys


async def test_same_bytes_are_stored_once(file_store: LocalFileStore) -> None:
    data = image_bytes()
    first = await file_store.save(chunks(data), claim())
    again = await file_store.save(chunks(data, size=7), claim(AssetType.THUMBNAIL))
    other = await file_store.save(chunks(image_bytes(color="blue")), claim())
    assert again == first.model_copy(update={"deduplicated": True})
    assert other.ref != first.ref and not other.deduplicated
    assert len(files_under(file_store.layout.folder(AssetType.IMAGE))) == 2
    assert files_under(file_store.layout.staging) == []


async def test_a_deleted_original_is_not_reused_for_dedup(file_store: LocalFileStore) -> None:
    data = image_bytes()
    first = await file_store.save(chunks(data), claim())
    file_store.local_path(first.ref).unlink()
    second = await file_store.save(chunks(data), claim())
    assert second.ref != first.ref and not second.deduplicated
    assert file_store.local_path(second.ref).read_bytes() == data


async def test_copy_from_path_only_reads_the_source(
    file_store: LocalFileStore, tmp_path: Path
) -> None:
    source = tmp_path / "legacy" / "narration.mp3"
    source.parent.mkdir()
    source.write_bytes(MP3)
    before = source.stat()
    stored = await file_store.copy_from_path(source, claim(AssetType.AUDIO), within=source.parent)
    assert source.read_bytes() == MP3 and source.stat().st_mtime_ns == before.st_mtime_ns
    assert file_store.local_path(stored.ref).read_bytes() == MP3
    uploaded = await file_store.save(chunks(MP3), claim(AssetType.AUDIO))
    assert uploaded.ref == stored.ref and uploaded.deduplicated


async def test_copy_from_path_stays_within_its_root(
    file_store: LocalFileStore, tmp_path: Path
) -> None:
    legacy, outside = tmp_path / "legacy", tmp_path / "outside.mp3"
    legacy.mkdir()
    outside.write_bytes(MP3)
    (legacy / "link.mp3").symlink_to(outside)
    for source in (outside, legacy / "link.mp3", legacy / ".." / "outside.mp3"):
        with pytest.raises(PathEscapeError):
            await file_store.copy_from_path(source, claim(AssetType.AUDIO), within=legacy)
    with pytest.raises(NotFoundError):
        await file_store.copy_from_path(legacy / "none.mp3", claim(AssetType.AUDIO))
    assert files_under(file_store.layout.catalog) == []


REFUSALS = [
    ("oversize", MP3, claim(AssetType.AUDIO), FileTooLargeError),
    ("pdf", PDF, claim(), UnsupportedMediaError),
    ("text", b"hello, not media at all", claim(), UnsupportedMediaError),
    ("empty", b"", claim(), UnsupportedMediaError),
    ("bmp", image_bytes("BMP"), claim(), UnsupportedMediaError),
    ("claimed png", image_bytes(), claim(media_type="image/png"), MediaMismatchError),
    ("mp3 extension", image_bytes(), claim(filename="shot.mp3"), MediaMismatchError),
    ("image as video", image_bytes(), claim(AssetType.VIDEO), MediaMismatchError),
    ("mp4 as music", MP4, claim(AssetType.MUSIC), MediaMismatchError),
    ("truncated jpeg", image_bytes()[:200], claim(), MediaMismatchError),
    ("truncated mp4", MP4[:500], claim(AssetType.VIDEO), MediaMismatchError),
    ("broken mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 400, claim(AssetType.AUDIO),
     MediaMismatchError),
    ("escaping name", image_bytes(), claim(filename="../../etc/shot.jpg"), PathEscapeError),
    ("absolute name", image_bytes(), claim(filename="/tmp/shot.jpg"), PathEscapeError),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "the_claim", "error"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
async def test_refusals_store_nothing(
    tmp_path: Path, data: bytes, the_claim: FileClaim, error: type[LineageError]
) -> None:
    store = LocalFileStore(tmp_path / "assets", max_bytes=4096)
    with pytest.raises(error) as refused:
        await store.save(chunks(data), the_claim)
    assert refused.value.message
    assert files_under(store.layout.catalog) == []


async def test_accepts_claims_that_agree(file_store: LocalFileStore) -> None:
    jpeg = claim(media_type="image/jpg; charset=binary", filename="Shot 001.JPEG")
    mp3 = claim(AssetType.MUSIC, media_type="audio/mp3", filename="theme.mp3")
    octets = claim(AssetType.VIDEO, media_type="application/octet-stream", filename="clip")
    assert (await file_store.save(chunks(image_bytes()), jpeg)).media_type == "image/jpeg"
    assert (await file_store.save(chunks(MP3), mp3)).media_type == "audio/mpeg"
    assert (await file_store.save(chunks(MP4), octets)).media_type == "video/mp4"


async def test_a_name_clash_fails_and_never_overwrites(
    file_store: LocalFileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = await file_store.save(chunks(image_bytes()), claim())
    monkeypatch.setattr(naming_module, "new_name", lambda *args: original.filename)
    with pytest.raises(NameTakenError):
        await file_store.save(chunks(image_bytes(color="green")), claim())
    assert file_store.local_path(original.ref).read_bytes() == image_bytes()
    assert await file_store.verify(original.ref, original.sha256) == FileCheck.OK
    assert await file_store.describe(original.ref) == original
    assert len(files_under(file_store.layout.folder(AssetType.IMAGE))) == 1
    assert files_under(file_store.layout.staging) == []


async def test_stored_files_are_read_only(file_store: LocalFileStore) -> None:
    stored = await file_store.save(chunks(MP4), claim(AssetType.VIDEO))
    assert file_store.local_path(stored.ref).stat().st_mode & 0o222 == 0


@pytest.mark.parametrize(
    "ref",
    [
        "../secret.jpg",
        "/etc/passwd",
        "image/../../secret.jpg",
        "image/..",
        "image/",
        "image/a/b.jpg",
        "image/.hidden.jpg",
        "other/x.jpg",
        ".meta/image/x.jpg.json",
        "image\\..\\x.jpg",
        "image/x.jpg\x00.png",
    ],
)
async def test_refs_that_escape_are_refused(file_store: LocalFileStore, ref: str) -> None:
    with pytest.raises(PathEscapeError):
        await file_store.describe(ref)
    with pytest.raises(PathEscapeError):
        await file_store.verify(ref, "0" * 64)
    with pytest.raises(PathEscapeError):
        file_store.local_path(ref)


async def test_a_symlink_in_the_catalog_is_not_followed(
    file_store: LocalFileStore, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(image_bytes())
    (file_store.layout.folder(AssetType.IMAGE) / "img-1-a-b-000000.jpg").symlink_to(secret)
    with pytest.raises(PathEscapeError):
        await file_store.describe("image/img-1-a-b-000000.jpg")


async def test_describe_an_unknown_ref(file_store: LocalFileStore) -> None:
    with pytest.raises(NotFoundError):
        await file_store.describe("image/img-1-fal-x-000000.jpg")


async def test_verify_finds_deleted_and_corrupted_files(file_store: LocalFileStore) -> None:
    kept = await file_store.save(chunks(image_bytes()), claim())
    deleted = await file_store.save(chunks(MP3), claim(AssetType.AUDIO))
    corrupted = await file_store.save(chunks(MP4), claim(AssetType.VIDEO))
    file_store.local_path(deleted.ref).unlink()
    path = file_store.local_path(corrupted.ref)
    path.chmod(0o644)
    with path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xff")
    assert await file_store.verify(kept.ref, kept.sha256) == FileCheck.OK
    assert await file_store.verify(deleted.ref, deleted.sha256) == FileCheck.MISSING
    assert await file_store.verify(corrupted.ref, corrupted.sha256) == FileCheck.CORRUPT
    assert await file_store.verify(kept.ref, corrupted.sha256) == FileCheck.CORRUPT


def test_store_folders_are_created(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path / "assets")
    folders = {p.name for p in store.layout.catalog.iterdir()}
    assert folders == {t.value for t in AssetType} | {".staging", ".meta", ".by-hash", ".derived"}
    assert os.access(store.layout.staging, os.W_OK)
