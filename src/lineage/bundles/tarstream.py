"""Tar members written as a stream of bytes with fixed headers, and read back checked.

Writing: each member's header says only its name, size and the bundle's one time
(owner 0, mode 0644, ustar), so the same members give the same bytes. Reading:
only regular files with the names a bundle may hold; anything else (a link, a
folder, `../x`) and a tar that ends early are an `InvalidBundleError`.
"""

from __future__ import annotations

import re
import tarfile
from collections.abc import Iterator
from typing import IO

from lineage.bundles.errors import InvalidBundleError
from lineage.bundles.models import EDGES, FILES_PREFIX, MANIFEST, NODES, PROV

BLOCK = 512
RECORD = 20 * BLOCK
CHUNK = 1024 * 1024
GRAPH_MEMBERS = (MANIFEST, NODES, EDGES, PROV)
_FILE_MEMBER = re.compile(rf"^{re.escape(FILES_PREFIX)}[0-9a-f]{{64}}$")


def header(name: str, size: int, mtime: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, mtime, 0o644
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info.tobuf(tarfile.USTAR_FORMAT, "utf-8", "strict")


def padding(size: int) -> bytes:
    return b"\0" * (-size % BLOCK)


def member_bytes(size: int) -> int:
    """The bytes a member of `size` bytes takes in the tar: header, data, padding."""
    return BLOCK + size + (-size % BLOCK)


def end_of_archive(written: int) -> bytes:
    """Two zero blocks, then zeros up to a whole record (as tar itself writes)."""
    closing = 2 * BLOCK
    return b"\0" * (closing + (-(written + closing) % RECORD))


def check_member(info: tarfile.TarInfo) -> str:
    """The member's name, when a bundle may hold it (else InvalidBundleError)."""
    name = info.name
    if not info.isreg():
        raise InvalidBundleError(f"bundle member {name!r} is not a regular file")
    if name not in GRAPH_MEMBERS and not _FILE_MEMBER.match(name):
        raise InvalidBundleError(
            f"bundle member {name!r} is not a bundle's (a path outside the catalog's files?)"
        )
    return name


def members(stream: IO[bytes]) -> Iterator[tuple[str, int, int, IO[bytes]]]:
    """Each member's name, where its bytes start in the tar, its size and a reader of
    them, in order. `stream` is a file: a member whose reader is not read is skipped by
    seeking (the tar's end checked), not read."""
    try:
        with tarfile.open(fileobj=stream, mode="r:") as tar:
            for info in tar:
                name = check_member(info)
                reader = tar.extractfile(info)
                assert reader is not None
                yield name, info.offset_data, info.size, reader
    except (tarfile.TarError, EOFError) as exc:
        raise InvalidBundleError(
            f"the bundle is not a complete tar file (truncated?): {exc}"
        ) from exc


def read_all(reader: IO[bytes], name: str) -> Iterator[bytes]:
    """The chunks of a member; a member cut short is an InvalidBundleError."""
    try:
        while chunk := reader.read(CHUNK):
            yield chunk
    except (tarfile.TarError, EOFError) as exc:
        raise InvalidBundleError(f"bundle member {name} is truncated: {exc}") from exc
