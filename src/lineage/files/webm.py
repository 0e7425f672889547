"""Frame size and duration of a WebM (Matroska) file, read from its EBML elements.

Reads `Segment > Info` (TimestampScale, Duration) and the first
`Segment > Tracks > TrackEntry > Video` (PixelWidth, PixelHeight). Clusters, where
the frames are, are never read: the walk stops at the first one.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

SEGMENT, CLUSTER = 0x18538067, 0x1F43B675
INFO, TIMESTAMP_SCALE, DURATION = 0x1549A966, 0x2AD7B1, 0x4489
TRACKS, TRACK_ENTRY, VIDEO = 0x1654AE6B, 0xAE, 0xE0
PIXEL_WIDTH, PIXEL_HEIGHT = 0xB0, 0xBA
DEFAULT_SCALE_NS = 1_000_000
FLOATS = {4: ">f", 8: ">d"}
MAX_ELEMENTS = 1000
"""Elements read at one level before giving up (real files have a handful)."""


@dataclass(frozen=True)
class WebmInfo:
    """None where the file does not say; `has_tracks` tells a WebM from header-only bytes."""

    has_tracks: bool = False
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None


def read_info(handle: BinaryIO) -> WebmInfo:
    """What the segment's Info and Tracks say; ValueError or struct.error on broken bytes."""
    end = handle.seek(0, 2)
    for element, start, stop in _elements(handle, 0, end):
        if element == SEGMENT:
            return _segment(handle, start, stop)
    return WebmInfo()


def _segment(handle: BinaryIO, start: int, end: int) -> WebmInfo:
    duration: float | None = None
    size: tuple[int | None, int | None] = (None, None)
    scale, has_tracks = DEFAULT_SCALE_NS, False
    for element, child, stop in _elements(handle, start, end):
        if element == CLUSTER:
            break
        if element == INFO:
            values = _children(handle, child, stop)
            scale = _uint(values.get(TIMESTAMP_SCALE)) or DEFAULT_SCALE_NS
            duration = _float(values.get(DURATION))
        elif element == TRACKS:
            has_tracks, size = True, _frame_size(handle, child, stop)
    seconds = duration * scale / 1e9 if duration else None
    return WebmInfo(has_tracks, size[0], size[1], seconds)


def _frame_size(handle: BinaryIO, start: int, end: int) -> tuple[int | None, int | None]:
    for element, entry, entry_end in _elements(handle, start, end):
        if element != TRACK_ENTRY:
            continue
        for child, video, video_end in _elements(handle, entry, entry_end):
            if child == VIDEO:
                values = _children(handle, video, video_end)
                return _uint(values.get(PIXEL_WIDTH)), _uint(values.get(PIXEL_HEIGHT))
    return None, None


def _children(handle: BinaryIO, start: int, end: int) -> dict[int, bytes]:
    """The payloads of small child elements (first of each id)."""
    found: dict[int, bytes] = {}
    for element, child, stop in _elements(handle, start, end):
        if element not in found and stop - child <= 8:
            handle.seek(child)
            found[element] = handle.read(stop - child)
    return found


def _elements(handle: BinaryIO, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(id, payload start, element end) of each element between start and end."""
    offset = start
    for _ in range(MAX_ELEMENTS):
        if offset >= end:
            return
        handle.seek(offset)
        element, _ = _vint(handle, keep_marker=True)
        size, unknown = _vint(handle, keep_marker=False)
        payload = handle.tell()
        stop = end if unknown else min(payload + size, end)
        yield element, payload, stop
        offset = stop
    raise ValueError(f"more than {MAX_ELEMENTS} EBML elements in one place")


def _vint(handle: BinaryIO, *, keep_marker: bool) -> tuple[int, bool]:
    """An EBML variable-length integer; (value, whether it is the 'unknown' all-ones size)."""
    first = handle.read(1)
    if not first or first[0] == 0:
        raise ValueError("not an EBML variable-length integer")
    length = 9 - first[0].bit_length()
    rest = handle.read(length - 1)
    if len(rest) != length - 1:
        raise ValueError("truncated EBML element")
    value = int.from_bytes(first + rest, "big")
    data_bits = (1 << (7 * length)) - 1
    unknown = value & data_bits == data_bits
    return (value if keep_marker else value & data_bits), unknown


def _uint(data: bytes | None) -> int | None:
    return int.from_bytes(data, "big") if data else None


def _float(data: bytes | None) -> float | None:
    if data is None or len(data) not in FLOATS:
        return None
    (value,) = struct.unpack(FLOATS[len(data)], data)
    return float(value)
