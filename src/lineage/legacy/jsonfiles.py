"""Reading the legacy JSON files, bounded: whole (small ones) or streamed (the music index).

Every file is bounded before it is parsed, so no shape of input can exhaust memory or
the interpreter's stack: nesting deeper than `MAX_DEPTH` levels is refused (found by
`lineage.jsonbounds` or the `Skimmer`, without recursion); a whole-read file larger
than `MAX_DOCUMENT_BYTES` is refused; a streamed record may hold at most
`MAX_RECORD_BYTES` besides its long strings, which are skimmed off and read from the
file only when wanted (`lineage.legacy.skim`). Each refusal, like a syntax error, is a
`MalformedJson` naming the line and column; nothing is read from that file, and the
rest of the folder imports.

Streamed files are parsed by ijson (yajl2_c) in chunks; to place a syntax error
exactly, the stream is parsed again up to the chunk that failed, then in ever smaller
slices through it, and the parser's position is mapped back to the file's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ijson  # type: ignore[import-untyped]

from lineage.jsonbounds import first_too_deep
from lineage.legacy.skim import CHUNK, SkimError, Skimmer

MAX_DEPTH = 64
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
MAX_RECORD_BYTES = 16 * 1024 * 1024
CONTINUATION = bytes(range(0x80, 0xC0))


@dataclass(frozen=True)
class MalformedJson(Exception):
    """Where and why a JSON file cannot be read (1-based line and column)."""

    path: Path
    line: int
    column: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: line {self.line}, column {self.column}: {self.reason}"


def read_json(path: Path) -> Any:
    """The whole document, or MalformedJson (also for one too large or too deep)."""
    with path.open("rb") as handle:
        data = handle.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        reason = f"larger than {MAX_DOCUMENT_BYTES} bytes, the limit for this file; not read"
        raise _malformed_at(path, data, MAX_DOCUMENT_BYTES, reason)
    too_deep = first_too_deep(data, MAX_DEPTH)
    if too_deep is not None:
        raise _malformed_at(path, data, too_deep, f"nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise _malformed_at(path, data, exc.start, "not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise MalformedJson(path, exc.lineno, exc.colno, exc.msg) from exc


def new_skimmer(prefix: str) -> Skimmer:
    """The skimmer for records under `prefix` (e.g. `tracks.item`: two levels down)."""
    return Skimmer(MAX_DEPTH, MAX_RECORD_BYTES, item_depth=prefix.count(".") + 1)


def stream_items(path: Path, prefix: str, skimmer: Skimmer | None = None) -> Iterator[Any]:
    """Each value under `prefix`, streamed; MalformedJson on bad input. Long strings in
    them are placeholders: `skimmer.span_of(value)` says where their text lies.

    Values already yielded stay valid when a later part of the file is malformed, so
    a caller that must not act on a broken file checks it first (a first pass).
    """
    skimmer = skimmer or new_skimmer(prefix)
    found = ijson.sendable_list()
    parser = ijson.items_coro(found, prefix, use_float=True)
    fed = 0
    with path.open("rb") as handle:
        try:
            for piece in skimmer.chunks(handle):
                parser.send(piece)
                yield from found
                found.clear()
                fed += len(piece)
            parser.close()
        except SkimError as exc:
            raise position_error(path, exc.offset, exc.reason) from exc
        except ijson.JSONError as exc:
            raise locate_error(path, prefix, skimmer.nonce, fed, str(exc)) from exc
    yield from found


def locate_error(path: Path, prefix: str, nonce: str, fed: int, message: str) -> MalformedJson:
    """The exact place of a syntax error known to lie in the piece after the first `fed`
    bytes of the skimmed stream: the same stream (same placeholders) parsed again, the
    failing part in ever smaller slices, down to the byte."""
    skimmer, failing = new_skimmer(prefix), fed
    for step in (4096, 64, 1):
        skimmer = new_skimmer(prefix)
        skimmer.nonce = nonce  # the same placeholders, so the same parser bytes
        failing = _failing_slice(path, skimmer, failing, step)
    reason = message.strip().splitlines()[0] if message.strip() else "malformed JSON"
    return position_error(path, skimmer.raw_offset(failing), reason)


def _failing_slice(path: Path, skimmer: Skimmer, whole_until: int, step: int) -> int:
    """Where the slice of `step` bytes starts whose feeding fails the parser (the stream
    fed whole up to `whole_until`); the stream's length when only its end fails."""
    parser = ijson.parse_coro(_Discard())
    sent = 0
    with path.open("rb") as handle:
        try:
            for piece in skimmer.chunks(handle):
                for start, part in _parts(piece, whole_until - sent, step):
                    try:
                        parser.send(part)
                    except ijson.JSONError:
                        return sent + start
                sent += len(piece)
        except SkimError:
            pass
    return sent


def _parts(piece: bytes, whole: int, step: int) -> Iterator[tuple[int, bytes]]:
    """(offset, bytes) of `piece` to feed: its first `whole` bytes at once, then slices."""
    split = min(max(whole, 0), len(piece))
    if split:
        yield 0, piece[:split]
    for start in range(split, len(piece), step):
        yield start, piece[start : start + step]


def position_error(path: Path, offset: int, reason: str) -> MalformedJson:
    """MalformedJson at byte `offset` of the file (its line and column counted)."""
    line, column, done = 1, 0, 0
    with path.open("rb") as handle:
        while done < offset and (chunk := handle.read(min(CHUNK, offset - done))):
            done += len(chunk)
            newlines = chunk.count(b"\n")
            line += newlines
            tail = chunk[chunk.rfind(b"\n") + 1 :] if newlines else chunk
            column = _chars(tail) + (0 if newlines else column)
    return MalformedJson(path, line, column + 1, reason)


def _malformed_at(path: Path, data: bytes, offset: int, reason: str) -> MalformedJson:
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    return MalformedJson(path, line, _chars(data[line_start:offset]) + 1, reason)


class _Discard:
    """An ijson target that keeps nothing."""

    def send(self, _value: object) -> None:
        return None


def _chars(data: bytes) -> int:
    """Characters in UTF-8 bytes: every byte that is not a continuation byte."""
    return len(data.translate(None, CONTINUATION))
