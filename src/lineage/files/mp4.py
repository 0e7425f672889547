"""The frame size of an MP4 or MOV video, read from its first visual track header.

Walks the ISO base media boxes `moov > trak > tkhd` (only those are read) and
takes the 16.16 fixed-point width and height that end every `tkhd` payload.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

TRACK_HEADER = (b"moov", b"trak", b"tkhd")
TKHD_SIZES = {84, 96}  # version 0 and version 1 payloads


def frame_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of the first track that has one, or None."""
    with path.open("rb") as handle:
        end = handle.seek(0, 2)
        for start, stop in _find(handle, TRACK_HEADER, 0, end):
            handle.seek(start)
            payload = handle.read(stop - start)
            if len(payload) in TKHD_SIZES:
                width, height = struct.unpack(">II", payload[-8:])
                if width and height:
                    return width >> 16, height >> 16
    return None


def _find(
    handle: BinaryIO, path: tuple[bytes, ...], start: int, end: int
) -> Iterator[tuple[int, int]]:
    for name, payload, stop in _boxes(handle, start, end):
        if name == path[0] and len(path) == 1:
            yield payload, stop
        elif name == path[0]:
            yield from _find(handle, path[1:], payload, stop)


def _boxes(handle: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(name, payload start, box end) of each box between start and end."""
    offset = start
    while offset + 8 <= end:
        handle.seek(offset)
        size, name = struct.unpack(">I4s", handle.read(8))
        header = 8
        if size == 1:
            (size,) = struct.unpack(">Q", handle.read(8))
            header = 16
        elif size == 0:
            size = end - offset
        if size < header:
            return
        yield name, offset + header, min(offset + size, end)
        offset += size
