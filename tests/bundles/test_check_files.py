"""The check hashes each file of a bundle where it lies in the tar file (read in
chunks beside the main thread): several chunks, a file cut short, a wrong hash."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from lineage.bundles.checking import _check_file
from lineage.bundles.errors import InvalidBundleError
from lineage.bundles.tarstream import CHUNK

LEADING = 1536  # the file's bytes start here in the "tar"


class Counted:
    def __init__(self) -> None:
        self.done = 0

    def begin(self, phase: str, total: int) -> None:
        pass

    def advance(self, done: int = 1) -> None:
        self.done += done


def tar_with(tmp_path: Path, data: bytes, cut: int = 0) -> tuple[Path, str]:
    path = tmp_path / "bundle.tar"
    whole = b"\0" * LEADING + data + b"\0" * 512
    path.write_bytes(whole[: len(whole) - cut] if cut else whole)
    return path, f"files/{hashlib.sha256(data).hexdigest()}"


def test_a_file_of_several_chunks_is_hashed_where_it_lies(tmp_path: Path) -> None:
    data = bytes(range(256)) * (CHUNK * 5 // 2 // 256)  # two and a half chunks
    path, name = tar_with(tmp_path, data)
    progress = Counted()
    with path.open("rb") as tar:
        assert _check_file(tar.fileno(), name, LEADING, len(data), progress) == len(data)
    assert progress.done == len(data)


def test_a_file_cut_short_is_truncated(tmp_path: Path) -> None:
    data = b"x" * (CHUNK + 10)
    path, name = tar_with(tmp_path, data, cut=512 + 20)
    with path.open("rb") as tar, pytest.raises(InvalidBundleError, match="is truncated"):
        _check_file(tar.fileno(), name, LEADING, len(data), Counted())


def test_bytes_of_another_hash_are_refused(tmp_path: Path) -> None:
    data = b"y" * 3000
    path, name = tar_with(tmp_path, data)
    with path.open("rb") as tar, pytest.raises(InvalidBundleError, match="its bytes have SHA"):
        _check_file(tar.fileno(), name, LEADING + 1, len(data), Counted())
