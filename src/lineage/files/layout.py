"""Where everything lives under `<root>/catalog/`, and refs that cannot escape it.

    catalog/<type>/<name>          the stored files, read-only, never replaced
    catalog/.staging/              bytes being written; emptied by `recover()`
    catalog/.meta/<type>/<name>.json   the StoredFile of each file (hash, type, probe)
    catalog/.by-hash/<sha256>      the ref first stored with those bytes (dedup index)
    catalog/.derived/<sha256>-<variant>.<ext>   previews and waveforms made from the
                                   bytes of that hash (`derived`); the original is only read

Everything sits on one filesystem, so staged files link into place atomically.
A ref is `<type>/<name>`: one known folder, one plain name, nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from lineage.files.errors import PathEscapeError
from lineage.files.models import AssetType

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DERIVED = re.compile(r"^[0-9a-f]{64}-[a-z]{1,16}\.[a-z]{1,8}$")
_FOLDERS = frozenset(asset_type.value for asset_type in AssetType)


def check_name(name: str) -> str:
    """A client-given file name: a plain name, never a path (`..`, `/`, `\\`, NUL)."""
    pure = PurePosixPath(name)
    if "\\" in name or "\0" in name or pure.is_absolute() or pure.name != name:
        raise PathEscapeError(f"{name!r} is a path, not a file name")
    if name in {".", ".."}:
        raise PathEscapeError(f"{name!r} is not a file name")
    return name


def parse_ref(ref: str) -> tuple[AssetType, str]:
    """`<type>/<name>` split and checked; PathEscapeError for anything else."""
    folder, _, name = ref.partition("/")
    if folder not in _FOLDERS or not _NAME.match(name):
        raise PathEscapeError(f"{ref!r} is not a file reference of the catalog")
    return AssetType(folder), name


class CatalogLayout:
    """The paths of one catalog; every path handed out is inside it."""

    def __init__(self, root: Path) -> None:
        self.catalog = Path(root) / "catalog"
        self.staging = self.catalog / ".staging"
        self.by_hash = self.catalog / ".by-hash"
        self.meta = self.catalog / ".meta"
        self.derived = self.catalog / ".derived"

    def ensure(self) -> None:
        for folder in (self.staging, self.by_hash, self.derived):
            folder.mkdir(parents=True, exist_ok=True)
        for asset_type in AssetType:
            self.folder(asset_type).mkdir(parents=True, exist_ok=True)
            (self.meta / asset_type.value).mkdir(parents=True, exist_ok=True)

    def folder(self, asset_type: AssetType) -> Path:
        return self.catalog / asset_type.value

    def file_path(self, ref: str) -> Path:
        """The file a ref names; a symlink in its place is refused, never followed."""
        asset_type, name = parse_ref(ref)
        path = self.folder(asset_type) / name
        if path.is_symlink():
            raise PathEscapeError(f"{ref!r} is a symbolic link")
        return path

    def meta_path(self, ref: str) -> Path:
        asset_type, name = parse_ref(ref)
        return self.meta / asset_type.value / f"{name}.json"

    def hash_path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise PathEscapeError(f"{sha256!r} is not a SHA-256 hex digest")
        return self.by_hash / sha256

    def derived_path(self, name: str) -> Path:
        """A derived file, `<sha256>-<variant>.<ext>`; PathEscapeError for any other name."""
        if not _DERIVED.match(name):
            raise PathEscapeError(f"{name!r} is not the name of a derived file")
        return self.derived / name
