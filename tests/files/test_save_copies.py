"""LocalFileStore.save_copies: ranges of an open file, hashed by the caller, copied by
the kernel and stored durable together; nothing published when the source changed or
one of them is refused."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from lineage.bundles.copying import check_unchanged, identify
from lineage.bundles.errors import InvalidBundleError
from lineage.files import AssetType, FileClaim, LocalFileStore, StoredFile
from lineage.files.errors import MediaMismatchError
from lineage.files.staging import SourceRange
from tests.files.samples import MP3, chunks, files_under, image_bytes


def claim(asset_type: AssetType = AssetType.IMAGE) -> FileClaim:
    return FileClaim(asset_type, "fal", "Flux Pro v1.1")


def packed(tmp_path: Path, *parts: bytes) -> tuple[Path, list[SourceRange]]:
    """The parts one after the other in one file (a gap of 7 bytes before each), and
    their ranges."""
    ranges, data = [], b""
    for part in parts:
        data += b"\0" * 7
        ranges.append(SourceRange(len(data), len(part), hashlib.sha256(part).hexdigest()))
        data += part
    path = tmp_path / "packed.bin"
    path.write_bytes(data)
    return path, ranges


def unchanged() -> None:
    """The source stays what was hashed."""


async def assert_stored_once(
    file_store: LocalFileStore, saved: list[StoredFile], earlier: StoredFile, data: list[bytes]
) -> None:
    """The third file was stored earlier, the fourth is the first's bytes again."""
    assert saved[2] == earlier.model_copy(update={"deduplicated": True})
    assert saved[3].ref == saved[0].ref
    for one, expected in zip(saved, data, strict=True):
        assert file_store.local_path(one.ref).read_bytes() == expected
        assert await file_store.describe(one.ref) == one.model_copy(update={"deduplicated": False})


async def test_stores_each_range_once_as_save_would(
    file_store: LocalFileStore, tmp_path: Path
) -> None:
    red, blue = image_bytes("PNG", "red"), image_bytes("PNG", "blue")
    earlier = await file_store.save(chunks(blue), claim())
    path, ranges = packed(tmp_path, red, MP3, blue, red)
    claims = [claim(), claim(AssetType.MUSIC), claim(), claim()]
    with path.open("rb") as source:
        saved = await file_store.save_copies(
            source.fileno(), list(zip(ranges, claims, strict=True)), unchanged
        )
    assert [one.deduplicated for one in saved] == [False, False, True, True]
    await assert_stored_once(file_store, saved, earlier, [red, MP3, blue, red])
    assert files_under(file_store.layout.staging) == []


async def test_a_source_changed_after_its_check_publishes_nothing(
    file_store: LocalFileStore, tmp_path: Path
) -> None:
    path, ranges = packed(tmp_path, image_bytes("PNG", "green"), MP3)
    before = files_under(file_store.layout.catalog)
    with path.open("rb") as source:
        checked = identify(source)
        with path.open("r+b") as writer:  # the bundle written to after its check
            writer.seek(ranges[1].offset)
            writer.write(b"X")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
        with pytest.raises(InvalidBundleError, match="changed while it was imported"):
            await file_store.save_copies(
                source.fileno(),
                [(ranges[0], claim()), (ranges[1], claim(AssetType.MUSIC))],
                lambda: check_unchanged(source, checked),
            )
    assert files_under(file_store.layout.catalog) == before


async def test_a_refused_file_stores_nothing_of_the_batch(
    file_store: LocalFileStore, tmp_path: Path
) -> None:
    path, ranges = packed(tmp_path, image_bytes("PNG", "green"), MP3)
    before = files_under(file_store.layout.catalog)
    with path.open("rb") as source, pytest.raises(MediaMismatchError):
        await file_store.save_copies(
            source.fileno(), [(ranges[0], claim()), (ranges[1], claim(AssetType.IMAGE))], unchanged
        )
    assert files_under(file_store.layout.catalog) == before
    assert files_under(file_store.layout.staging) == []
