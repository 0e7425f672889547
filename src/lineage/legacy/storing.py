"""Copying the new assets' bytes into the catalog (the legacy folder is only read).

Files are copied several at a time (the store works in threads and fsyncs each
file); music audio is decoded from the index in a second streamed pass. A file
the store refuses is reported and its asset recorded without a file.
"""

from __future__ import annotations

import asyncio
import binascii
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from lineage.errors import LineageError
from lineage.files import FileClaim, FileStore, StoredFile
from lineage.files.staging import sha256_of
from lineage.legacy.folder import LegacyFolder
from lineage.legacy.music import decoded, inline_audio
from lineage.legacy.plan import PlannedAsset
from lineage.legacy.report import Problem, Tally

IN_FLIGHT = 8


class Progress(Protocol):
    """Where the importer reports how far it got (a rich bar in the CLI)."""

    def begin(self, phase: str, total: int) -> None: ...

    def advance(self, done: int = 1) -> None: ...


class NoProgress:
    def begin(self, phase: str, total: int) -> None:
        return None

    def advance(self, done: int = 1) -> None:
        return None


async def store_files(
    items: list[PlannedAsset],
    folder: LegacyFolder,
    files: FileStore,
    tally: Tally,
    progress: Progress,
) -> None:
    """Give every new item with bytes its stored file."""
    inline = [i for i in items if i.inline]
    copies = [i for i in items if i.source is not None and not i.inline]
    progress.begin("files", len(inline) + len(copies))
    limit = asyncio.Semaphore(IN_FLIGHT)

    async def copy(item: PlannedAsset) -> None:
        async with limit:
            await _copy(item, folder, files, tally)
        progress.advance()

    await asyncio.gather(*(copy(item) for item in copies))
    if inline:
        await _store_inline(inline, folder, files, tally, progress)


async def _copy(item: PlannedAsset, folder: LegacyFolder, files: FileStore, tally: Tally) -> None:
    assert item.source is not None
    try:
        stored = await files.copy_from_path(item.source, _claim(item), within=folder.root)
    except LineageError as exc:
        _unreadable(item, item.source, exc.message, tally)
        return
    _attach(item, stored, tally)


async def _store_inline(
    items: Iterable[PlannedAsset],
    folder: LegacyFolder,
    files: FileStore,
    tally: Tally,
    progress: Progress,
) -> None:
    by_position = {item.position: item for item in items}
    for position, source in inline_audio(folder.music_index, set(by_position)):
        item = by_position[position]
        try:
            stored = await files.save(decoded(source, folder.music_index), _claim(item))
        except (LineageError, binascii.Error) as exc:
            reason = exc.message if isinstance(exc, LineageError) else f"bad base64: {exc}"
            await _fall_back_to_file(item, folder, files, tally, reason)
        else:
            _attach(item, stored, tally)
            await _compare_with_file(item, stored, tally)
        progress.advance()
    for item in by_position.values():
        if item.inline and item.gen.file_ref is None and item.file_problem is None:
            item.file_problem = "missing"  # its base64 was gone on the second read


async def _fall_back_to_file(
    item: PlannedAsset, folder: LegacyFolder, files: FileStore, tally: Tally, reason: str
) -> None:
    """The inline audio is unusable: take the file beside the index, if there is one."""
    message = f"{item.legacy_id}: audioBase64 unusable ({reason})"
    tally.add(Problem.UNREADABLE_FILE, item.where, message, item.legacy_id)
    item.inline = False
    if item.source is None:
        item.file_problem = "unreadable"
        return
    await _copy(item, folder, files, tally)


async def _compare_with_file(item: PlannedAsset, stored: StoredFile, tally: Tally) -> None:
    """A track's file beside the index should hold the very bytes of its base64."""
    if item.source is None:
        return
    found = await asyncio.to_thread(sha256_of, item.source)
    if found != stored.sha256:
        message = (
            f"{item.legacy_id}: {item.source.name} differs from its audioBase64; "
            "the base64 audio was imported, the file was left alone"
        )
        tally.add(Problem.BASE64_MISMATCH, item.source, message, item.legacy_id)


def _attach(item: PlannedAsset, stored: StoredFile, tally: Tally) -> None:
    item.attach(stored)
    if stored.deduplicated:
        tally.files_deduplicated += 1
    else:
        tally.files_stored += 1


def _unreadable(item: PlannedAsset, path: Path, reason: str, tally: Tally) -> None:
    item.source, item.file_problem = None, "unreadable"
    tally.add(Problem.UNREADABLE_FILE, path, f"{item.legacy_id}: {reason}", item.legacy_id)


def _claim(item: PlannedAsset) -> FileClaim:
    return FileClaim(asset_type=item.gen.type, provider=item.gen.provider, model=item.gen.model)
