"""Bytes streamed into a staging file, hashed and counted on the way, never held whole."""

from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from lineage.errors import InvalidInputError
from lineage.files.durable import create_staged
from lineage.files.errors import FileTooLargeError

READ_CHUNK = 1024 * 1024
UNCOPYABLE = frozenset({errno.EXDEV, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP})


@dataclass(frozen=True)
class Staged:
    """A complete, fsynced, read-only staging file and what was learnt writing it."""

    path: Path
    sha256: str
    size_bytes: int


class StagingWriter:
    """Writes chunks to a fresh staging file; `finish()` fsyncs, `abort()` removes it."""

    def __init__(self, staging: Path, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.path, descriptor = create_staged(staging)
        self._handle = os.fdopen(descriptor, "wb")
        self._hash = hashlib.sha256()
        self._size = 0

    def write(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self.max_bytes:
            raise FileTooLargeError(f"the file is larger than the limit of {self.max_bytes} bytes")
        self._hash.update(chunk)
        self._handle.write(chunk)

    def finish(self) -> Staged:
        """The staged file, fsynced."""
        self._handle.flush()
        os.fchmod(self._handle.fileno(), 0o444)
        os.fsync(self._handle.fileno())
        self._handle.close()
        return Staged(self.path, self._hash.hexdigest(), self._size)

    def abort(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)


def stage_copy(source: Path, staging: Path, max_bytes: int) -> Staged:
    """Copy a local file into staging, reading it only (never moved or changed)."""
    writer = StagingWriter(staging, max_bytes)
    try:
        with source.open("rb") as handle:
            while chunk := handle.read(READ_CHUNK):
                writer.write(chunk)
        return writer.finish()
    except BaseException:
        writer.abort()
        raise


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(READ_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class SourceRange:
    """Bytes of an open local file whose SHA-256 the caller has proved."""

    offset: int
    size: int
    sha256: str


def stage_range(source: int, piece: SourceRange, staging: Path, max_bytes: int) -> Staged:
    """The bytes of `piece` in the open file `source` copied into staging by the kernel
    (read and written where it cannot), not hashed again and not fsynced yet
    (`durable.fsync_all`)."""
    if piece.size > max_bytes:
        raise FileTooLargeError(f"the file is larger than the limit of {max_bytes} bytes")
    path, descriptor = create_staged(staging)
    try:
        _copy_range(source, descriptor, piece)
        os.fchmod(descriptor, 0o444)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    finally:
        os.close(descriptor)
    return Staged(path, piece.sha256, piece.size)


def _copy_range(source: int, target: int, piece: SourceRange) -> None:
    offset, left = piece.offset, piece.size
    while left:
        try:
            copied = os.copy_file_range(source, target, left, offset)
        except OSError as exc:
            if exc.errno not in UNCOPYABLE:
                raise
            copied = os.write(target, os.pread(source, min(left, READ_CHUNK), offset))
        if not copied:
            raise InvalidInputError(f"the source ended {left} bytes early")
        offset, left = offset + copied, left - copied
