"""Reading the legacy JSON files: whole (small ones) or streamed (the music index).

A malformed file becomes a `MalformedJson` naming the line and column where parsing
stopped; nothing is read from it. Streamed files are parsed by ijson (yajl2_c) in
chunks, so a document far larger than memory is never held whole; to place an
error exactly, the stream is parsed again up to the chunk that failed, then byte by
byte through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ijson  # type: ignore[import-untyped]

CHUNK = 64 * 1024
CONTINUATION = bytes(range(0x80, 0xC0))


@dataclass(frozen=True)
class MalformedJson(Exception):
    """Where and why a JSON file cannot be parsed (1-based line and column)."""

    path: Path
    line: int
    column: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: line {self.line}, column {self.column}: {self.reason}"


def read_json(path: Path) -> Any:
    """The whole document, or MalformedJson."""
    data = path.read_bytes()
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise MalformedJson(path, line, column, "not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise MalformedJson(path, exc.lineno, exc.colno, exc.msg) from exc


def stream_items(path: Path, prefix: str) -> Iterator[Any]:
    """Each value under `prefix` (e.g. `tracks.item`), streamed; MalformedJson on bad input.

    Values already yielded stay valid when a later part of the file is malformed, so
    a caller that must not act on a broken file checks it first with `check_stream`.
    """
    found = ijson.sendable_list()
    parser = ijson.items_coro(found, prefix, use_float=True)
    start = 0
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(CHUNK):
                parser.send(chunk)
                yield from found
                found.clear()
                start += len(chunk)
            parser.close()
        except ijson.JSONError as exc:
            raise locate_error(path, start, str(exc)) from exc
    yield from found


def check_stream(path: Path) -> None:
    """Parse the whole file as events only; MalformedJson at the first error."""
    for _ in stream_items(path, "__no_such_prefix__"):
        pass


def locate_error(path: Path, chunk_start: int, message: str) -> MalformedJson:
    """The exact place of an error known to lie in the chunk starting at `chunk_start`."""
    parser = ijson.parse_coro(_Discard())
    counter = _LineCounter()
    with path.open("rb") as handle:
        try:
            while counter.offset < chunk_start and (
                chunk := handle.read(min(CHUNK, chunk_start - counter.offset))
            ):
                parser.send(chunk)
                counter.feed(chunk)
            for byte in iter(lambda: handle.read(1), b""):
                counter.feed(byte)
                parser.send(byte)
            parser.close()
        except ijson.JSONError:
            pass
    reason = message.strip().splitlines()[0] if message.strip() else "malformed JSON"
    return MalformedJson(path, counter.line, counter.column_of_last(), reason)


class _Discard:
    """An ijson target that keeps nothing."""

    def send(self, _value: object) -> None:
        return None


class _LineCounter:
    """Lines and columns (in characters) of the bytes fed so far."""

    def __init__(self) -> None:
        self.offset = 0
        self.line = 1
        self.column = 0

    def feed(self, chunk: bytes) -> None:
        self.offset += len(chunk)
        newlines = chunk.count(b"\n")
        if newlines:
            self.line += newlines
            self.column = _chars(chunk[chunk.rfind(b"\n") + 1 :])
        else:
            self.column += _chars(chunk)

    def column_of_last(self) -> int:
        """The column of the last byte fed (where the parser stopped)."""
        return max(self.column, 1)


def _chars(data: bytes) -> int:
    """Characters in UTF-8 bytes: every byte that is not a continuation byte."""
    return len(data.translate(None, CONTINUATION))


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, _chars(data[line_start:offset]) + 1
