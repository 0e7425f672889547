"""A JSON byte stream with its long strings skimmed off, for a streaming parser.

ijson's C parser (yajl) re-reads a string token from its start each time a chunk ends
inside it, so a 200 MB base64 string fed in 64 KB chunks was lexed thousands of times
over (195 s per pass). `Skimmer` stands between the file and the parser: a string
whose raw text outgrows `SKIM_AT` bytes before its closing quote is replaced by a short
placeholder (`"\\u0000<nonce>:<n>"`), and only its place in the file is kept (a `Span`);
`read_span` decodes it later, in slices, straight from the file. Everything else
passes through unchanged, so the parser sees every record's structure and short text.

On the way it bounds what the parser could be made to hold, whatever the shape:
- nesting deeper than `max_depth` stops the stream (`TooDeep`, with the byte offset);
- a record (a value `item_depth` containers deep) of more than `max_item_bytes` of
  text that reaches the parser stops it too (`TooLarge`); skimmed strings do not count;
Each error carries its offset in the file; `raw_offset` maps a parser position back.
A skimmed string's text is checked when it is read: `read_text` parses it as JSON, the
music importer decodes it as base64 (strictly: a stray character refuses that track).
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

SKIM_AT = 64 * 1024
CHUNK = 1024 * 1024
# Runs of bytes that are neither quote nor bracket, and whole strings that end in the buffer.
RUN = re.compile(rb'(?:[^"\[\]{}]++|"[^"\\]*+(?:\\.[^"\\]*+)*+")*+', re.DOTALL)
OPENERS = frozenset(b"[{")


@dataclass(frozen=True)
class Span:
    """The raw text of a skimmed string in the file: bytes [start, end), quotes excluded."""

    start: int
    end: int


@dataclass
class SkimError(Exception):
    """Why the stream stopped, and where (a byte offset in the file)."""

    offset: int
    reason: str


class TooDeep(SkimError):
    pass


class TooLarge(SkimError):
    pass


@dataclass
class _Anchor:
    """From `out` on, parser bytes map to file bytes from `raw` on (one to one)."""

    out: int
    raw: int


@dataclass
class Skimmer:
    """See the module docstring. Iterate `chunks(handle)` once."""

    max_depth: int
    max_item_bytes: int
    item_depth: int
    spans: dict[str, Span] = field(default_factory=dict)
    nonce: str = field(default_factory=lambda: secrets.token_hex(4))
    _anchors: list[_Anchor] = field(default_factory=list)
    _depth: int = 0
    _item_bytes: int = 0
    _out: int = 0
    _long_start: int | None = None
    _skip_next: bool = False
    _last_placeholder: str = ""

    def span_of(self, value: object) -> Span | None:
        """The span a placeholder stands for (None for any other value)."""
        return self.spans.get(value) if isinstance(value, str) else None

    def raw_offset(self, out_offset: int) -> int:
        """The file offset of the parser's byte `out_offset`."""
        anchor = _Anchor(0, 0)
        for candidate in self._anchors:
            if candidate.out > out_offset:
                break
            anchor = candidate
        return anchor.raw + (out_offset - anchor.out)

    def chunks(self, handle: BinaryIO) -> Iterator[bytes]:
        """The file's bytes with long strings skimmed, a piece per chunk read."""
        carry, base = b"", 0
        while chunk := handle.read(CHUNK):
            data = carry + chunk
            out, used = self._skim(data, base)
            carry, base = data[used:], base + used
            if out:
                yield out
        if carry:  # an unterminated string: the parser reports it
            self._anchor(base)
            yield carry

    def _skim(self, data: bytes, base: int) -> tuple[bytes, int]:
        """(bytes for the parser, bytes of `data` consumed); the rest is carried over."""
        out, pos, size = bytearray(), 0, len(data)
        self._anchor(base)
        while pos < size:
            if self._long_start is not None:
                pos = self._skip_long(data, pos, base)
                if self._long_start is None:
                    self._anchor(base + pos, len(out))
                continue
            run = RUN.match(data, pos)
            end = run.end() if run else pos
            self._count(end - pos, base + pos)
            out += data[pos:end]
            pos = end
            if pos == size:
                break
            if data[pos] != ord('"'):
                self._bracket(data[pos], base + pos)
                out.append(data[pos])
                pos += 1
            elif size - pos <= SKIM_AT:
                break  # a string that may still end in the next chunk
            else:
                out += self._placeholder(base + pos + 1)
                pos += 1
        self._out += len(out)
        return bytes(out), pos

    def _skip_long(self, data: bytes, pos: int, base: int) -> int:
        """Past the skimmed string's end in `data`, or to its end if the string goes on."""
        if self._skip_next:
            pos, self._skip_next = pos + 1, False
        while pos < len(data):
            quote, backslash = data.find(b'"', pos), data.find(b"\\", pos)
            stop = min(s for s in (quote, backslash, len(data)) if s >= 0)
            if stop == len(data):
                return stop
            if stop == backslash:
                pos = stop + 2
                self._skip_next = pos > len(data)
                continue
            self.spans[self._last_placeholder] = Span(self._long_start or 0, base + stop)
            self._long_start = None
            return stop + 1
        return min(pos, len(data))

    def _placeholder(self, start: int) -> bytes:
        self._long_start = start
        self._last_placeholder = f"\x00{self.nonce}:{len(self.spans)}"
        self.spans[self._last_placeholder] = Span(start, start)
        return f'"\\u0000{self.nonce}:{len(self.spans) - 1}"'.encode()

    def _bracket(self, bracket: int, offset: int) -> None:
        if bracket in OPENERS:
            self._depth += 1
            if self._depth > self.max_depth:
                raise TooDeep(offset, f"nested deeper than {self.max_depth} levels")
        else:
            self._depth -= 1
            if self._depth <= self.item_depth:
                self._item_bytes = 0

    def _count(self, length: int, offset: int) -> None:
        if self._depth > self.item_depth:
            self._item_bytes += length
            if self._item_bytes > self.max_item_bytes:
                raise TooLarge(
                    offset,
                    f"a record holds more than {self.max_item_bytes} bytes besides "
                    "its long strings",
                )

    def _anchor(self, raw: int, out_in_piece: int = 0) -> None:
        self._anchors.append(_Anchor(self._out + out_in_piece, raw))


def read_text(path: Path, span: Span, max_bytes: int) -> str:
    """A skimmed string's text, read back whole (TooLarge over `max_bytes` raw bytes)."""
    if span.end - span.start > max_bytes:
        raise TooLarge(span.start, f"a string of more than {max_bytes} bytes")
    with path.open("rb") as handle:
        handle.seek(span.start)
        raw = handle.read(span.end - span.start)
    text: str = json.loads(b'"' + raw + b'"')
    return text


def resolved(value: Any, skimmer: Skimmer, path: Path, budget: int) -> Any:
    """`value` with every placeholder in it replaced by its text, reading at most `budget`
    raw bytes in all (TooLarge beyond)."""
    left = [budget]

    def walk(item: Any) -> Any:
        span = skimmer.span_of(item)
        if span is not None:
            left[0] -= span.end - span.start
            return read_text(path, span, max(left[0] + span.end - span.start, 0))
        if isinstance(item, dict):
            return {walk(k): walk(v) for k, v in item.items()}
        if isinstance(item, list):
            return [walk(v) for v in item]
        return item

    return walk(value)


def read_raw(path: Path, span: Span, slice_bytes: int) -> Iterator[bytes]:
    """A skimmed string's raw bytes, in slices of about `slice_bytes`, never cutting a
    JSON escape in two (a run of backslashes goes whole into the next slice)."""
    with path.open("rb") as handle:
        handle.seek(span.start)
        left, carry = span.end - span.start, b""
        while left > 0:
            chunk = carry + handle.read(min(slice_bytes, left))
            left -= len(chunk) - len(carry)
            cut = _escape_safe_end(chunk) if left > 0 else len(chunk)
            carry = chunk[cut:]
            if cut:
                yield chunk[:cut]
        if carry:
            yield carry


def _escape_safe_end(chunk: bytes) -> int:
    """Where to cut `chunk` so no escape (at most 12 bytes, `\\uXXXX\\uXXXX`) is split."""
    backslash = chunk.rfind(b"\\", max(0, len(chunk) - 12))
    if backslash < 0:
        return len(chunk)
    while backslash > 0 and chunk[backslash - 1] == ord("\\"):
        backslash -= 1
    return backslash
