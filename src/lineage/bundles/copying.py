"""The bundle file an import reads twice: checked, then its files copied into the catalog.

The check hashes every file of the bundle; the catalog then takes each file the plan
needs by a kernel copy of its bytes in the tar (`FileStore.save_copies`), not read and
hashed again. The hashes the check proved hold only for the same bytes, so the check
notes the bundle file's identity (inode, size, modification and change times) before
it reads it, and the copies are published only while the open bundle file still has
that identity: a bundle replaced or written since it was checked stops the import
before the catalog names any of its copies.
"""

from __future__ import annotations

import os
from typing import IO

from lineage.bundles.errors import InvalidBundleError

Identity = tuple[int, int, int, int]  # inode, size, mtime and ctime in nanoseconds


def identify(stream: IO[bytes]) -> Identity:
    found = os.fstat(stream.fileno())
    return found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns


def check_unchanged(stream: IO[bytes], checked: Identity) -> None:
    """InvalidBundleError when the open bundle file is no longer the one checked."""
    if identify(stream) != checked:
        raise InvalidBundleError(
            "the bundle file changed while it was imported (after its check); import it again"
        )
