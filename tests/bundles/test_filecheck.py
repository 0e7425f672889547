"""A file hashed for an export is copied only while it is still the file that was hashed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from lineage.bundles.errors import InvalidBundleError
from lineage.bundles.filecheck import HashedFile, copy_into, hash_file, read_chunks

BYTES = b"frame " * 50_000


def hashed(tmp_path: Path) -> HashedFile:
    path = tmp_path / "clip.mp4"
    path.write_bytes(BYTES)
    return hash_file(hashlib.sha256(BYTES).hexdigest(), path)


def copied(file: HashedFile, tmp_path: Path) -> bytes:
    target = tmp_path / "bundle.tar"
    with target.open("wb", buffering=0) as sink:
        sink.write(b"header")
        copy_into(file, sink.fileno())
    return target.read_bytes()


def test_an_unchanged_file_is_copied_and_read_whole(tmp_path: Path) -> None:
    file = hashed(tmp_path)
    assert copied(file, tmp_path) == b"header" + BYTES
    assert b"".join(read_chunks(file)) == BYTES


def test_a_file_without_the_recorded_bytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "clip.mp4"
    path.write_bytes(BYTES)
    with pytest.raises(InvalidBundleError, match=r"clip\.mp4 no longer has the bytes recorded"):
        hash_file(hashlib.sha256(b"other").hexdigest(), path)


def test_an_empty_file_is_hashed_and_a_different_empty_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert hash_file(hashlib.sha256(b"").hexdigest(), path).size == 0
    with pytest.raises(InvalidBundleError, match="no longer has the bytes recorded"):
        hash_file(hashlib.sha256(b"x").hexdigest(), path)


def appended(path: Path) -> None:
    with path.open("ab") as writer:
        writer.write(b"more")


def replaced(path: Path) -> None:
    other = path.with_name("other")
    other.write_bytes(BYTES)
    other.replace(path)


@pytest.mark.parametrize("change", [appended, replaced])
def test_a_file_changed_since_it_was_hashed_stops_the_copy(
    tmp_path: Path, change: Callable[[Path], None]
) -> None:
    file = hashed(tmp_path)
    change(file.path)
    with pytest.raises(InvalidBundleError, match="changed while it was exported"):
        copied(file, tmp_path)
    with pytest.raises(InvalidBundleError, match="changed while it was exported"):
        b"".join(read_chunks(file))
