"""The catalog's files of an export: hashed while the graph is read, copied by the kernel.

As the graph pass finds each file, a thread hashes it (hashing lets go of the
interpreter, so it runs beside the graph's reading) and notes what the file is on
disk: inode, size, modification and change times. A file whose bytes are not the
recorded SHA-256 stops the export (before an HTTP stream's first byte; an export
into a file leaves no bundle). The tar then
takes the same file only if it is still that file, before and after its bytes are
copied (by `copy_file_range` into a bundle file, read otherwise): a file replaced
or written since it was hashed stops the stream.
"""

from __future__ import annotations

import errno
import hashlib
import mmap
import os
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lineage.bundles.errors import InvalidBundleError

CHUNK = 1024 * 1024
HASHERS = 2
UNCOPYABLE = frozenset({errno.EXDEV, errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP})
Identity = tuple[int, int, int, int]  # inode, size, mtime and ctime in nanoseconds


@dataclass(frozen=True)
class HashedFile:
    sha256: str
    path: Path
    identity: Identity

    @property
    def size(self) -> int:
        return self.identity[1]


def _identity(reader: IO[bytes]) -> Identity:
    stat = os.fstat(reader.fileno())
    return stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def hash_file(sha256: str, path: Path) -> HashedFile:
    """The file at `path`, checked to hold the bytes of `sha256`."""
    with path.open("rb") as reader:
        digest = _digest(reader)
        identity = _identity(reader)
    if digest != sha256:
        raise InvalidBundleError(
            f"the catalog's file {path.name} no longer has the bytes recorded "
            f"(SHA-256 {sha256}); run `lineage verify`"
        )
    return HashedFile(sha256, path, identity)


def _digest(reader: IO[bytes]) -> str:
    """The SHA-256 of the file's bytes, hashed straight from the page cache (mapped): one
    call, without the interpreter's lock, where reading by chunks takes the lock back
    for each chunk from a main thread that seldom lets go of it."""
    digest = hashlib.sha256()
    if os.fstat(reader.fileno()).st_size:
        with mmap.mmap(reader.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            digest.update(mapped)
    return digest.hexdigest()


class FileHasher:
    """Hashes files in threads as they are added; `finish` waits for them all."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(HASHERS, thread_name_prefix="export-hash")
        self.pending: dict[str, Future[HashedFile]] = {}

    def add(self, sha256: str, path: Path) -> Future[HashedFile]:
        hashing = self.pending[sha256] = self.pool.submit(hash_file, sha256, path)
        return hashing

    def finish(self) -> dict[str, HashedFile]:
        """Every file hashed (the first that failed raises)."""
        return {sha: future.result() for sha, future in self.pending.items()}

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _unchanged(hashed: HashedFile, reader: IO[bytes]) -> None:
    if _identity(reader) != hashed.identity:
        raise InvalidBundleError(
            f"the catalog's file {hashed.path.name} (SHA-256 {hashed.sha256}) changed while "
            "it was exported; export again"
        )


def identify(sha256: str, path: Path) -> HashedFile:
    """A file the export wrote itself (a graph member), with its known hash."""
    with path.open("rb") as reader:
        return HashedFile(sha256, path, _identity(reader))


def copy_into(hashed: HashedFile, sink: int) -> None:
    """The file's bytes appended to the open file `sink` (by the kernel where the
    file systems allow it)."""
    with hashed.path.open("rb") as reader:
        _unchanged(hashed, reader)
        left = hashed.size
        while left:
            try:
                copied = os.copy_file_range(reader.fileno(), sink, left)
            except OSError as exc:
                if exc.errno not in UNCOPYABLE or left != hashed.size:
                    raise
                for chunk in read_chunks(hashed):
                    write_all(sink, chunk)
                return
            if not copied:
                raise InvalidBundleError(f"{hashed.path.name} ended {left} bytes early")
            left -= copied
        _unchanged(hashed, reader)


def write_all(sink: int, data: bytes | bytearray) -> None:
    """All of `data` written to the open file `sink`."""
    view = memoryview(data)
    while view:
        view = view[os.write(sink, view) :]


def read_chunks(hashed: HashedFile) -> Iterator[bytes]:
    """The file's bytes, a chunk at a time."""
    with hashed.path.open("rb") as reader:
        _unchanged(hashed, reader)
        left = hashed.size
        while left:
            chunk = reader.read(min(CHUNK, left))
            if not chunk:
                raise InvalidBundleError(f"{hashed.path.name} ended {left} bytes early")
            left -= len(chunk)
            yield chunk
        _unchanged(hashed, reader)
