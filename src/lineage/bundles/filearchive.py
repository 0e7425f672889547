"""The archive location: project bundles, and files released from the working catalog.

    <root>/projects/<code>.tar    the bundle `lineage archive` wrote for a project
    <root>/files/<sha256>         a file retention released, named by its hash

Files are copied in (fsynced, then renamed into place) before the catalog lets
them go, so a file is always in one place or the other.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from lineage.bundles.errors import InvalidBundleError
from lineage.files.durable import fsync_dir

CHUNK = 1024 * 1024
SHA256 = re.compile(r"^[0-9a-f]{64}$")


class FileArchive:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.files = self.root / "files"
        self.projects = self.root / "projects"

    def file_path(self, sha256: str) -> Path:
        if not SHA256.match(sha256):
            raise InvalidBundleError(f"{sha256!r} is not a SHA-256 hex digest")
        return self.files / sha256

    def bundle_path(self, code: str) -> Path:
        return self.projects / f"{code}.tar"

    def keep(self, sha256: str, source: Path) -> None:
        """Copy `source` in as the file of `sha256` (kept once; an existing copy stays)."""
        target = self.file_path(sha256)
        if target.is_file():
            return
        self.files.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        with source.open("rb") as reader, partial.open("wb") as writer:
            shutil.copyfileobj(reader, writer, CHUNK)
            writer.flush()
            os.fsync(writer.fileno())
        partial.replace(target)
        fsync_dir(self.files)
