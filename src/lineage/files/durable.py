"""Durable file operations: fsync files and folders, publish without overwriting.

A published name appears whole or not at all: the bytes are written and fsynced
under a staging name, then hard-linked to the final name (`os.link` fails with
FileExistsError when the name exists, so nothing is ever replaced), then the
folder is fsynced so the new entry survives a power cut.

Many files at once (`fsync_all`, `link_unsynced`, then one `fsync_dir` per folder)
cost far less than one at a time: ext4 commits the journal entries of fsyncs
running side by side together (200 files of 1.9 KB: 2.3 ms each one after another,
0.14 ms each eight at a time).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

STAGED_SUFFIX = ".part"
FSYNC_WORKERS = 8


def fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def create_staged(staging: Path) -> tuple[Path, int]:
    """A new, exclusive staging file and its open write descriptor."""
    path = staging / f"{uuid.uuid4().hex}{STAGED_SUFFIX}"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    return path, descriptor


def publish(staged: Path, final: Path) -> None:
    """Link a fully written, fsynced file to its final name; FileExistsError if taken."""
    os.link(staged, final)
    fsync_dir(final.parent)


def write_small(staging: Path, final: Path, data: bytes, *, replace: bool = False) -> None:
    """Durably write a small file; without `replace`, FileExistsError if it exists."""
    staged, descriptor = create_staged(staging)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if replace:
            os.replace(staged, final)
            fsync_dir(final.parent)
        else:
            publish(staged, final)
    finally:
        staged.unlink(missing_ok=True)


def write_many(staging: Path, files: Sequence[tuple[Path, bytes]]) -> None:
    """Durably write or replace several small files (final path, bytes): each written,
    all fsynced side by side, renamed into place, then each folder fsynced once."""
    staged: list[Path] = []
    try:
        for _, data in files:
            path, descriptor = create_staged(staging)
            staged.append(path)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
        fsync_all(staged)
        for path, (final, _) in zip(staged, files, strict=True):
            os.replace(path, final)
        fsync_dirs(final.parent for final, _ in files)
    finally:
        for path in staged:
            path.unlink(missing_ok=True)


def fsync_all(paths: Iterable[Path]) -> None:
    """fsync every file of `paths`, `FSYNC_WORKERS` at a time."""
    with ThreadPoolExecutor(FSYNC_WORKERS) as pool:
        list(pool.map(_fsync_file, paths))


def fsync_dirs(folders: Iterable[Path]) -> None:
    for folder in sorted(set(folders)):
        fsync_dir(folder)


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
