"""`FileStore`, the interface of the asset file store, and `LocalFileStore` on disk.

A save streams the bytes into `catalog/.staging/` (hashing, counting against the
size limit, never holding the file in memory), fsyncs them, sniffs and checks
the media type, probes its properties, then either returns the file already
stored with the same SHA-256 (`deduplicated=True`) or hard-links the staged file
to a fresh name under `catalog/<type>/` (never over an existing one) and records
its dedup index entry and metadata. Refused bytes leave nothing behind.
`save_copies` stores ranges of an open file whose hashes the caller proved (a
bundle's files, copied by the kernel) the same way, durable together: their bytes,
names, index entries and metadata fsynced side by side and each folder once, before
any ref is handed out.

A crash at any step leaves either nothing visible or a complete file: staged
leftovers are removed and files without metadata re-described by `recover()`,
which the application calls on start. A ref is handed out only once its file is
durable, so the graph never names a file that is not there.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import AsyncIterable, Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx
from pydantic import ValidationError

from lineage.errors import LineageError, NotFoundError
from lineage.files import naming
from lineage.files.addresses import Network
from lineage.files.durable import fsync_all, fsync_dir, fsync_dirs, publish, write_many, write_small
from lineage.files.errors import FileTooLargeError, NameTakenError, PathEscapeError
from lineage.files.layout import CatalogLayout, check_name, parse_ref
from lineage.files.media import DEFAULT_MAX_PIXELS, MediaKind, Probe, check_claim, probe, sniff
from lineage.files.models import URL_PREFIX, AssetType, FileCheck, FileClaim, StoredFile
from lineage.files.remote import DEFAULT_DEADLINE_SECONDS, DEFAULT_TIMEOUT, download
from lineage.files.staging import (
    SourceRange,
    Staged,
    StagingWriter,
    sha256_of,
    stage_copy,
    stage_range,
)

DEFAULT_MAX_BYTES = 512 * 1024 * 1024
NAME_ATTEMPTS = 3
log = logging.getLogger(__name__)
Copies = Sequence[tuple[SourceRange, FileClaim]]  # ranges of one open file, hashed by the caller
Check = Callable[[], None]  # raises when the source is no longer what was hashed


@dataclass(frozen=True)
class CatalogEntry:
    """One stored file as the disk has it: its ref, size and last store or dedup time."""

    ref: str
    size_bytes: int
    modified_at: float


@dataclass(frozen=True)
class Recovery:
    """What `recover()` did: staged leftovers removed, stored files re-described."""

    staged_removed: int
    described: int


class FileStore(Protocol):
    """The asset file store; the local disk now, an object store later."""

    @property
    def max_bytes(self) -> int: ...

    async def save(self, chunks: AsyncIterable[bytes], claim: FileClaim) -> StoredFile:
        """Store streamed bytes (or find the same bytes already stored)."""
        ...

    async def save_copies(self, source: int, pieces: Copies, unchanged: Check) -> list[StoredFile]:
        """Store ranges of the open file `source`, whose hashes the caller proved, copied
        by the kernel and durable together (each as `save`); `unchanged` raises when
        the source is no longer what was hashed, and is called after the copies, before
        anything is published."""
        ...

    async def copy_from_path(
        self, source: Path, claim: FileClaim, *, within: Path | None = None
    ) -> StoredFile:
        """Store a copy of a local file, which is only read; `within` bounds where it may be."""
        ...

    async def copy_from_url(self, url: str, claim: FileClaim) -> StoredFile:
        """Store a copy of the file at an http(s) URL, streamed like an upload."""
        ...

    async def describe(self, ref: str) -> StoredFile:
        """The stored file a ref names, or NotFoundError."""
        ...

    async def verify(self, ref: str, sha256: str) -> FileCheck:
        """Whether the file is there and still has the given hash."""
        ...

    async def recover(self, *, older_than_seconds: float = 0.0) -> Recovery:
        """Clean up after a crash; call on start."""
        ...

    def local_path(self, ref: str) -> Path:
        """The file on local disk, for serving (an object store would redirect instead)."""
        ...


class LocalFileStore:
    """The file store under `<root>/catalog/` on the local disk (see `layout`).

    `url_timeout` and `url_deadline_seconds` bound `copy_from_url` (see `remote`),
    `url_allowed_networks` lets it reach those non-public networks and
    `max_image_pixels` bounds the images it decodes; set them on an instance to change
    them.
    """

    url_timeout: httpx.Timeout = DEFAULT_TIMEOUT
    url_deadline_seconds: float = DEFAULT_DEADLINE_SECONDS
    url_allowed_networks: Sequence[Network] = ()  # non-public networks let through
    max_image_pixels: int = DEFAULT_MAX_PIXELS

    def __init__(self, root: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.layout = CatalogLayout(root)
        self.layout.ensure()
        self._max_bytes = max_bytes

    @property
    def max_bytes(self) -> int:
        return self._max_bytes

    async def save(self, chunks: AsyncIterable[bytes], claim: FileClaim) -> StoredFile:
        _check_claimed_name(claim)
        staged = await self._stage(chunks)
        return await asyncio.to_thread(self._commit, staged, claim)

    async def save_copies(self, source: int, pieces: Copies, unchanged: Check) -> list[StoredFile]:
        for _, claim in pieces:
            _check_claimed_name(claim)
        return await asyncio.to_thread(self._save_copies, source, pieces, unchanged)

    async def copy_from_path(
        self, source: Path, claim: FileClaim, *, within: Path | None = None
    ) -> StoredFile:
        return await asyncio.to_thread(self._copy, Path(source), claim, within)

    async def copy_from_url(self, url: str, claim: FileClaim) -> StoredFile:
        """Stream the body of a 2xx GET into the store: http(s) only, the size limit
        enforced as bytes arrive (FileTooLargeError), DownloadError naming the URL for
        an unreachable host, a timeout or a non-2xx status; a failure stores nothing."""
        _check_claimed_name(claim)
        async with download(
            url,
            self._max_bytes,
            timeout=self.url_timeout,
            deadline_seconds=self.url_deadline_seconds,
            allowed_networks=self.url_allowed_networks,
        ) as chunks:
            return await self.save(chunks, claim)

    async def describe(self, ref: str) -> StoredFile:
        return await asyncio.to_thread(self._describe, ref)

    async def verify(self, ref: str, sha256: str) -> FileCheck:
        return await asyncio.to_thread(self._verify, ref, sha256)

    async def recover(self, *, older_than_seconds: float = 0.0) -> Recovery:
        """Remove staged leftovers (those untouched for `older_than_seconds`: give a grace
        period when several processes share the catalog) and describe unrecorded files."""
        return await asyncio.to_thread(self._recover, older_than_seconds)

    def local_path(self, ref: str) -> Path:
        return self.layout.file_path(ref)

    def list_stored(self) -> Iterator[CatalogEntry]:
        """Every stored file (for `lineage verify --gc`)."""
        for ref in self._stored_refs():
            with contextlib.suppress(FileNotFoundError):
                found = self.layout.file_path(ref).stat()
                yield CatalogEntry(ref, found.st_size, found.st_mtime)

    def stored_hashes(self) -> set[str]:
        """The SHA-256 of every stored file whose metadata reads (for `verify --gc`)."""
        found: set[str] = set()
        for ref in self._stored_refs():
            with contextlib.suppress(OSError, LineageError, ValidationError):
                found.add(self._read_meta(ref).sha256)
        return found

    def remove_unnamed(self, ref: str, cutoff: float) -> bool:
        """Remove a file no asset names, unless it was stored or found again by its hash
        after `cutoff` (unix seconds); its dedup entry goes first, so no new save finds it."""
        path = self.layout.file_path(ref)
        try:
            if path.stat().st_mtime > cutoff:
                return False
            sha256 = self._read_meta(ref).sha256
        except FileNotFoundError:
            return False
        except (LineageError, ValidationError, OSError):
            sha256 = sha256_of(path)
        index = self.layout.hash_path(sha256)
        with contextlib.suppress(OSError):
            if index.read_text().strip() == ref:
                index.unlink()
        path.unlink(missing_ok=True)
        self.layout.meta_path(ref).unlink(missing_ok=True)
        fsync_dir(path.parent)
        log.info("removed %s, stored but named by no asset", ref)
        return True

    async def _stage(self, chunks: AsyncIterable[bytes]) -> Staged:
        writer = await asyncio.to_thread(StagingWriter, self.layout.staging, self._max_bytes)
        try:
            async for chunk in chunks:
                await asyncio.to_thread(writer.write, chunk)
            return await asyncio.to_thread(writer.finish)
        except BaseException:
            writer.abort()
            raise

    def _copy(self, source: Path, claim: FileClaim, within: Path | None) -> StoredFile:
        _check_claimed_name(claim)
        readable = _check_source(source, within, self._max_bytes)
        return self._commit(stage_copy(readable, self.layout.staging, self._max_bytes), claim)

    def _commit(self, staged: Staged, claim: FileClaim) -> StoredFile:
        try:
            examined = self._examine(staged, claim)
            if isinstance(examined, StoredFile):
                return examined
            stored = self._publish(staged, claim, *examined)
            self._record(stored, replace_index=True)
            return stored
        finally:
            staged.path.unlink(missing_ok=True)

    def _examine(self, staged: Staged, claim: FileClaim) -> StoredFile | tuple[MediaKind, Probe]:
        """The file already stored with these bytes, or what the new one is."""
        kind = sniff(staged.path)
        check_claim(kind, claim)
        found = self._find_by_hash(staged.sha256, staged.size_bytes)
        if found is not None:  # found again: young for `verify --gc` until recorded
            os.utime(self.layout.file_path(found.ref))
            return found.model_copy(update={"deduplicated": True})
        return kind, probe(staged.path, kind, self.max_image_pixels)

    def _save_copies(self, source: int, pieces: Copies, unchanged: Check) -> list[StoredFile]:
        staged: list[Staged] = []
        try:
            for piece, _ in pieces:
                staged.append(stage_range(source, piece, self.layout.staging, self._max_bytes))
            unchanged()
            return self._commit_many(staged, [claim for _, claim in pieces])
        finally:
            for one in staged:
                one.path.unlink(missing_ok=True)

    def _commit_many(self, staged: list[Staged], claims: list[FileClaim]) -> list[StoredFile]:
        """As `_commit` for each, durable together: the new files' bytes fsynced side by
        side, linked to fresh names, their folders fsynced, then recorded."""
        stored: dict[str, StoredFile] = {}  # by hash: found here, or stored by this batch
        new: list[tuple[Staged, FileClaim, MediaKind, Probe]] = []
        seen: set[str] = set()
        for one, claim in zip(staged, claims, strict=True):
            if one.sha256 in seen:
                continue
            seen.add(one.sha256)
            examined = self._examine(one, claim)
            if isinstance(examined, StoredFile):
                stored[one.sha256] = examined
            else:
                new.append((one, claim, *examined))
        fsync_all(one.path for one, *_ in new)
        for one, claim, kind, found in new:
            stored[one.sha256] = self._publish(one, claim, kind, found, link=os.link)
        fsync_dirs(self.layout.folder(claim.asset_type) for _, claim, *_ in new)
        self._record_many([stored[one.sha256] for one, *_ in new])
        return _first_stored(staged, stored)

    def _publish(
        self,
        staged: Staged,
        claim: FileClaim,
        kind: MediaKind,
        found: Probe,
        link: Callable[[Path, Path], None] = publish,
    ) -> StoredFile:
        """Link the staged file to a fresh name; a taken name is retried, never replaced."""
        for _ in range(NAME_ATTEMPTS):
            name = naming.new_name(claim.asset_type, claim.provider, claim.model, kind.extension)
            try:
                link(staged.path, self.layout.folder(claim.asset_type) / name)
            except FileExistsError:
                log.warning("file name %s already taken; trying another", name)
                continue
            ref = f"{claim.asset_type.value}/{name}"
            return _stored_file(ref, staged.sha256, staged.size_bytes, kind, found)
        raise NameTakenError(f"no free file name after {NAME_ATTEMPTS} attempts; nothing stored")

    def _record(self, stored: StoredFile, *, replace_index: bool) -> None:
        """Index first, then metadata: a file without metadata is re-described by recover()."""
        index = self.layout.hash_path(stored.sha256)
        with contextlib.suppress(FileExistsError):
            write_small(self.layout.staging, index, stored.ref.encode(), replace=replace_index)
        meta = _meta_json(stored)
        write_small(self.layout.staging, self.layout.meta_path(stored.ref), meta, replace=True)

    def _record_many(self, stored: Sequence[StoredFile]) -> None:
        """As `_record` for each: every index entry durable before any metadata."""
        index = [(self.layout.hash_path(one.sha256), one.ref.encode()) for one in stored]
        write_many(self.layout.staging, index)
        meta = [(self.layout.meta_path(one.ref), _meta_json(one)) for one in stored]
        write_many(self.layout.staging, meta)

    def _find_by_hash(self, sha256: str, size_bytes: int) -> StoredFile | None:
        """The intact file first stored with these bytes, if the index names one."""
        try:
            ref = self.layout.hash_path(sha256).read_text().strip()
            stored = self._read_meta(ref)
            found = self.layout.file_path(ref).stat().st_size == size_bytes
        except (OSError, LineageError, ValidationError):
            return None
        return stored if found and stored.sha256 == sha256 else None

    def _read_meta(self, ref: str) -> StoredFile:
        return StoredFile.model_validate_json(self.layout.meta_path(ref).read_bytes())

    def _describe(self, ref: str) -> StoredFile:
        if not self.layout.file_path(ref).is_file():
            raise NotFoundError(f"no stored file {ref!r}")
        try:
            return self._read_meta(ref)
        except FileNotFoundError:
            return self._describe_again(ref)

    def _describe_again(self, ref: str) -> StoredFile:
        """Sniff, hash and probe a stored file whose metadata was never written."""
        path = self.layout.file_path(ref)
        kind = sniff(path)
        found = probe(path, kind, self.max_image_pixels)
        stored = _stored_file(ref, sha256_of(path), path.stat().st_size, kind, found)
        self._record(stored, replace_index=False)
        return stored

    def _verify(self, ref: str, sha256: str) -> FileCheck:
        path = self.layout.file_path(ref)
        try:
            actual = sha256_of(path)
        except (FileNotFoundError, IsADirectoryError):
            return FileCheck.MISSING
        return FileCheck.OK if actual == sha256.lower() else FileCheck.CORRUPT

    def _recover(self, older_than_seconds: float) -> Recovery:
        self.layout.ensure()
        removed = self._remove_staged(time.time() - older_than_seconds)
        described = sum(self._describe_if_unrecorded(ref) for ref in self._stored_refs())
        return Recovery(staged_removed=removed, described=described)

    def _remove_staged(self, cutoff: float) -> int:
        stale = [p for p in self.layout.staging.iterdir() if p.lstat().st_mtime <= cutoff]
        for path in stale:
            path.unlink(missing_ok=True)
            log.info("removed staged leftover %s", path.name)
        if stale:
            fsync_dir(self.layout.staging)
        return len(stale)

    def _stored_refs(self) -> Iterator[str]:
        for asset_type in AssetType:
            for path in self.layout.folder(asset_type).iterdir():
                if path.is_file() and not path.is_symlink():
                    yield f"{asset_type.value}/{path.name}"

    def _describe_if_unrecorded(self, ref: str) -> bool:
        try:
            if self.layout.meta_path(ref).exists():
                return False
            self._describe_again(ref)
        except LineageError as exc:
            log.warning("cannot describe stored file %s: %s", ref, exc.message)
            return False
        return True


def _check_claimed_name(claim: FileClaim) -> None:
    if claim.filename is not None:
        check_name(claim.filename)


def _check_source(source: Path, within: Path | None, max_bytes: int) -> Path:
    """The real path of a regular local file to copy, inside `within` when given.
    Messages name the file, never a folder of the server (they may reach a client)."""
    real = source.resolve()
    if within is not None and not real.is_relative_to(within.resolve()):
        raise PathEscapeError(f"{source.name!r} is outside the folder files may be copied from")
    if not real.is_file():
        raise NotFoundError(f"no file {source.name!r} in the folder files may be copied from")
    if real.stat().st_size > max_bytes:
        raise FileTooLargeError(f"{source.name} is larger than the limit of {max_bytes} bytes")
    return real


def _stored_file(ref: str, sha256: str, size: int, kind: MediaKind, found: Probe) -> StoredFile:
    asset_type, name = parse_ref(ref)
    return StoredFile(
        ref=ref,
        asset_type=asset_type,
        filename=name,
        url=f"{URL_PREFIX}/{ref}",
        sha256=sha256,
        size_bytes=size,
        media_type=kind.media_type,
        width=found.width,
        height=found.height,
        duration_seconds=found.duration_seconds,
    )


def _meta_json(stored: StoredFile) -> bytes:
    return stored.model_dump_json(by_alias=True).encode()


def _first_stored(staged: list[Staged], stored: dict[str, StoredFile]) -> list[StoredFile]:
    """What each staged file became: the bytes stored by this batch once (a later file
    with the same bytes is deduplicated against the first)."""
    result: list[StoredFile] = []
    seen: set[str] = set()
    for one in staged:
        first = stored[one.sha256]
        again = one.sha256 in seen
        seen.add(one.sha256)
        result.append(first.model_copy(update={"deduplicated": True}) if again else first)
    return result
