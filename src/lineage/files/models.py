"""What the file store takes (`FileClaim`) and hands back (`StoredFile`, `FileCheck`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lineage.models import AssetType, Model

__all__ = ["URL_PREFIX", "AssetType", "FileCheck", "FileClaim", "StoredFile"]

URL_PREFIX = "/files"
"""Where `lineage.files.http.router` serves the catalog; a file's `url` is `/files/<ref>`."""


class FileCheck(StrEnum):
    """What `verify` found: the file is intact, gone, or its bytes changed."""

    OK = "ok"
    MISSING = "missing"
    CORRUPT = "corrupt"


@dataclass(frozen=True)
class FileClaim:
    """What the caller says about bytes it hands over; every claim is checked.

    `media_type` (e.g. a Content-Type) and `filename` (its extension) are optional
    claims: when given they must agree with the sniffed bytes. `provider` and
    `model` only feed the readable file name.
    """

    asset_type: AssetType
    provider: str
    model: str
    media_type: str | None = None
    filename: str | None = None


class StoredFile(Model):
    """A file in the catalog; `ref` is the opaque handle `recordGeneration` takes."""

    ref: str
    asset_type: AssetType
    filename: str
    url: str
    sha256: str
    size_bytes: int
    media_type: str
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None
    deduplicated: bool = False
