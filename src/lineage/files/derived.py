"""Derived files: previews and waveforms, made once per stored file content, kept on disk.

Each is keyed by the original's SHA-256 and its variant, under `catalog/.derived/`:
`<sha256>-grid.webp` and `<sha256>-detail.webp` (`PreviewSize`), `<sha256>-waveform.json`.
The same bytes stored under two refs share them; the original is only ever read.

Made on first request: a request finding none makes it while later requests for the same
name wait for it (`KeyedLocks`), at most `workers` are made at once in the process, and
each is written under a staging name then linked into place (`durable.write_small`), so
several processes making the same one at once leave one whole file. An original that
cannot be read leaves `<sha256>-<variant>.failed` with the reason (logged once): it is
not decoded again on every request. A missing original, or one of more pixels than
the limit (found from its header, without decoding), leaves nothing: the file may come
back, the limit may be raised. A missing original is logged once per derived file and
original (`REMEMBERED` of them): a catalog page of assets without their files does not
log them all again on every request.

A derived file's name says its content, so what is read of one (a preview's pixel size,
a waveform's peaks) is kept in memory with the file's size (`REMEMBERED` of each, least
recently used forgotten): a page of cards opens none of them again, it only checks that
each is on disk with that size (a file damaged since is read again, and found damaged).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from PIL import Image

from lineage.files.durable import write_small
from lineage.files.errors import PathEscapeError
from lineage.files.layout import CatalogLayout
from lineage.files.pictures import (
    MEDIA_TYPE,
    TooManyPixelsError,
    UnreadableMediaError,
    image_preview,
    video_poster,
    webp_bytes,
)
from lineage.files.store import CatalogEntry, LocalFileStore
from lineage.files.waveform import fold, waveform
from lineage.lru import Lru

DERIVED_PREFIX = "derived"  # a derived file's URL is /files/derived/<name>
DEFAULT_WORKERS = 2
REMEMBERED = 4096  # previews described, waveforms read: a few hundred bytes each
Maker = Callable[[Path], bytes]  # the original's path -> the derived file's bytes
T = TypeVar("T")
Sized = tuple[int, T]  # what was read of a derived file, with the file's size then
log = logging.getLogger(__name__)


class PreviewSize(StrEnum):
    GRID = "grid"
    DETAIL = "detail"


LONGEST_SIDE = {PreviewSize.GRID: 320, PreviewSize.DETAIL: 1280}


@dataclass(frozen=True)
class Original:
    """The stored file a derived file is made from."""

    ref: str
    sha256: str
    media_type: str

    @property
    def family(self) -> str:
        return self.media_type.partition("/")[0]


@dataclass(frozen=True)
class DerivedFile:
    """A preview on disk: its name under `catalog/.derived/`, pixel size, type and bytes."""

    name: str
    width: int
    height: int
    media_type: str
    size_bytes: int

    @property
    def ref(self) -> str:
        """What a signed URL names: `/files/<ref>`."""
        return f"{DERIVED_PREFIX}/{self.name}"


class KeyedLocks:
    """One lock per name while anyone holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def holding(self, name: str) -> AsyncIterator[None]:
        lock, users = self._locks.get(name, (asyncio.Lock(), 0))
        self._locks[name] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[name]
            if users == 1:
                del self._locks[name]
            else:
                self._locks[name] = (lock, users - 1)


class Derivatives:
    """The derived files of one `LocalFileStore`'s catalog."""

    def __init__(self, files: LocalFileStore, workers: int = DEFAULT_WORKERS) -> None:
        self.files = files
        self.layout: CatalogLayout = files.layout
        self._locks = KeyedLocks()
        self._workers = asyncio.Semaphore(workers)
        self._described: Lru[str, Sized[DerivedFile]] = Lru(REMEMBERED)
        self._peaks: Lru[str, Sized[list[float]]] = Lru(REMEMBERED)
        self._told_missing: Lru[tuple[str, str], bool] = Lru(REMEMBERED)

    async def preview(self, original: Original, size: PreviewSize) -> DerivedFile | None:
        """A WebP of the image, or of a video's poster frame; None for other media or
        an original that cannot be read (the reason is logged)."""
        longest = LONGEST_SIDE[size]
        if original.family == "image":
            make = self._picture(lambda path, px: image_preview(path, longest, px))
        elif original.family == "video":
            make = self._picture(lambda path, px: video_poster(path, longest, px))
        else:
            return None
        name = f"{original.sha256}-{size.value}.webp"
        path = await self._made(name, original, make)
        if path is None:
            return None
        described = _remembered(self._described, name, path)
        if described is None:
            try:
                described = await asyncio.to_thread(self._describe, name)
            except (OSError, SyntaxError, ValueError) as exc:  # removed or damaged since made
                log.warning("cannot read %s made for %s: %s", name, original.ref, exc)
                return None
            self._described.put(name, (described.size_bytes, described))
        return described

    async def waveform(self, original: Original, points: int) -> list[float] | None:
        """`points` peaks (0..1) of a sound; None for other media or an unreadable sound."""
        if original.family != "audio":
            return None
        name = f"{original.sha256}-waveform.json"
        path = await self._made(name, original, _waveform_json)
        if path is None:
            return None
        peaks = _remembered(self._peaks, name, path)
        if peaks is None:
            try:
                data = await asyncio.to_thread(path.read_bytes)
                peaks = json.loads(data)
            except (OSError, ValueError) as exc:  # removed or damaged since made
                log.warning("cannot read %s made for %s: %s", name, original.ref, exc)
                return None
            self._peaks.put(name, (len(data), peaks))
        return fold(peaks, points)

    def path_of(self, name: str) -> Path:
        """The file of a derived name (PathEscapeError for a name that is not one)."""
        return self.layout.derived_path(name)

    def remove_orphaned(self) -> list[CatalogEntry]:
        """Remove the derived files (and failure notes) made from bytes the catalog no
        longer holds; each is listed by its name with its size."""
        kept = self.files.stored_hashes()
        removed = [entry for entry in self._list() if entry.ref.partition("-")[0] not in kept]
        for entry in removed:
            self.layout.derived_path(entry.ref).unlink(missing_ok=True)
            log.info("removed %s: its original is gone", entry.ref)
        return removed

    def _list(self) -> Iterator[CatalogEntry]:
        for path in self.layout.derived.iterdir():
            with contextlib.suppress(FileNotFoundError):
                found = path.stat()
                yield CatalogEntry(path.name, found.st_size, found.st_mtime)

    async def _made(self, name: str, original: Original, make: Maker) -> Path | None:
        """The derived file `name`, made now unless it was before; None if it cannot be."""
        try:
            path = self.layout.derived_path(name)
        except PathEscapeError:
            log.warning("no %s for %s: its SHA-256 is not a hex digest", name, original.ref)
            return None
        if path.exists():
            return path
        if not self._has_original(original):  # a stat, no thread nor worker: the file may come back
            self._tell_missing(name, original)
            return None
        async with self._locks.holding(name):
            if path.exists():
                return path
            if self._failure_of(name).exists():
                return None
            async with self._workers:
                return await asyncio.to_thread(self._make, name, original, make)

    def _tell_missing(self, name: str, original: Original) -> None:
        if self._told_missing.get((name, original.ref)) is None:
            log.warning("no %s for %s: its file is missing", name, original.ref)
            self._told_missing.put((name, original.ref), True)

    def _has_original(self, original: Original) -> bool:
        try:
            return self.files.local_path(original.ref).is_file()
        except PathEscapeError:  # logged in full where it is made
            return True

    def _make(self, name: str, original: Original, make: Maker) -> Path | None:
        try:
            source = self.files.local_path(original.ref)
            if not source.is_file():  # removed since `_has_original` found it
                log.warning("no %s for %s: its file is missing", name, original.ref)
                return None
            data = make(source)
        except UnreadableMediaError as exc:
            log.warning("no %s for %s: %s", name, original.ref, exc)
            if not isinstance(exc, TooManyPixelsError):  # a raised limit lets it through
                self._write(self._failure_of(name), str(exc).encode())
            return None
        except Exception:  # a preview is never worth a failed request: null, logged in full
            log.exception("no %s for %s", name, original.ref)
            return None
        path = self.layout.derived_path(name)
        self._write(path, data)
        return path

    def _write(self, path: Path, data: bytes) -> None:
        with contextlib.suppress(FileExistsError):  # another process made it first
            write_small(self.layout.staging, path, data)

    def _failure_of(self, name: str) -> Path:
        return self.layout.derived_path(f"{name.partition('.')[0]}.failed")

    def _picture(self, render: Callable[[Path, int], Image.Image]) -> Maker:
        return lambda source: webp_bytes(render(source, self.files.max_image_pixels))

    def _describe(self, name: str) -> DerivedFile:
        path = self.layout.derived_path(name)
        with Image.open(path) as picture:
            width, height = picture.size
        return DerivedFile(name, width, height, MEDIA_TYPE, path.stat().st_size)


def _remembered(memory: Lru[str, Sized[T]], name: str, path: Path) -> T | None:
    """What was read of the derived file `name`, while `path` still has the size it had."""
    found = memory.get(name)
    try:
        return found[1] if found is not None and path.stat().st_size == found[0] else None
    except OSError:  # removed since: made again, read again
        return None


def _waveform_json(source: Path) -> bytes:
    return json.dumps([round(peak, 4) for peak in waveform(source)]).encode()
