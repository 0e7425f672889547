"""Durable file operations: fsync files and folders, publish without overwriting.

A published name appears whole or not at all: the bytes are written and fsynced
under a staging name, then hard-linked to the final name (`os.link` fails with
FileExistsError when the name exists, so nothing is ever replaced), then the
folder is fsynced so the new entry survives a power cut.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

STAGED_SUFFIX = ".part"


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
