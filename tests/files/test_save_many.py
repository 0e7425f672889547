"""LocalFileStore.save_many: several files held in memory, stored durable together."""

from __future__ import annotations

import pytest

from lineage.files import AssetType, FileClaim, LocalFileStore, StoredFile
from lineage.files.errors import MediaMismatchError
from tests.files.samples import MP3, chunks, files_under, image_bytes


def claim(asset_type: AssetType = AssetType.IMAGE) -> FileClaim:
    return FileClaim(asset_type, "fal", "Flux Pro v1.1")


async def assert_stored_once(
    file_store: LocalFileStore, saved: list[StoredFile], earlier: StoredFile, data: list[bytes]
) -> None:
    """The third file was stored earlier, the fourth is the first's bytes again."""
    assert saved[2] == earlier.model_copy(update={"deduplicated": True})
    assert saved[3].ref == saved[0].ref
    for one, expected in zip(saved, data, strict=True):
        assert file_store.local_path(one.ref).read_bytes() == expected
        assert await file_store.describe(one.ref) == one.model_copy(update={"deduplicated": False})


async def test_stores_each_once_as_save_would(file_store: LocalFileStore) -> None:
    earlier = await file_store.save(chunks(image_bytes("PNG", "blue")), claim())
    red, blue = image_bytes("PNG", "red"), image_bytes("PNG", "blue")
    saved = await file_store.save_many(
        [(red, claim()), (MP3, claim(AssetType.MUSIC)), (blue, claim()), (red, claim())]
    )
    assert [one.deduplicated for one in saved] == [False, False, True, True]
    await assert_stored_once(file_store, saved, earlier, [red, MP3, blue, red])
    again = await file_store.save(chunks(MP3), claim(AssetType.MUSIC))
    assert (again.ref, again.deduplicated) == (saved[1].ref, True)
    assert files_under(file_store.layout.staging) == []


async def test_a_refused_file_stores_nothing_of_the_batch(file_store: LocalFileStore) -> None:
    before = files_under(file_store.layout.catalog)
    with pytest.raises(MediaMismatchError):
        await file_store.save_many(
            [(image_bytes("PNG", "green"), claim()), (MP3, claim(AssetType.IMAGE))]
        )
    assert files_under(file_store.layout.catalog) == before
