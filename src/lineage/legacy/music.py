"""The music library: tracks streamed from an index far larger than memory.

The index is read twice with ijson, its long strings skimmed off (`lineage.legacy.skim`):
first for every track's fields without its audio (which also proves the whole file
parses before anything is written), then for where the audio of the tracks that are
new lies. A long base64 text is never parsed nor held: it is decoded in slices
straight from its place in the file as the file store consumes it (a short one comes
whole from the parser) with pybase64 (SIMD: 2 GB/s here, where binascii managed 70 MB/s).
Memory stays bounded whatever the tracks' size.
"""

from __future__ import annotations

import binascii
import json
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pybase64

from lineage.assets.models import AssetStatus
from lineage.legacy.folder import LegacyFolder, named_beside
from lineage.legacy.jsonfiles import MAX_RECORD_BYTES, new_skimmer, stream_items
from lineage.legacy.plan import PlannedAsset, RecordSpec, checked, generation, params_of
from lineage.legacy.report import Kind, Problem, Tally
from lineage.legacy.skim import SkimError, Skimmer, Span, read_raw, resolved
from lineage.models import AssetType, utc_timestamp

TRACK = RecordSpec(
    "track",
    required=("id", "provider"),
    listed=("name", "filename", "audioBase64", "prompt", "lyrics"),
)
MAPPED = frozenset({"id", "provider", "model", "prompt", "name", "audioBase64", "createdAt"})
AUDIO_FIELD = "audioBase64"
ITEMS = "tracks.item"
SLICE = 1024 * 1024
WHITESPACE = b" \t\r\n"
WHITESPACE_BYTES = tuple(bytes([space]) for space in WHITESPACE)
DATA_PREFIX_MAX = 256
NAME_LENGTH = 60
GENERIC_NAME = re.compile(r"^\s*(track\s*\d*)?\s*$", re.IGNORECASE)
UNKNOWN = "unknown"


def plan_music(folder: LegacyFolder, tally: Tally) -> list[PlannedAsset]:
    """Every valid track (first pass; raises MalformedJson before anything is planned)."""
    index = folder.music_index
    fallback_time = _modified(index)
    names: Counter[str] = Counter()
    planned, unknown_model = [], 0
    skimmer = new_skimmer(ITEMS)
    for position, raw in enumerate(stream_items(index, ITEMS, skimmer)):
        record = _without_audio(raw, skimmer, index, position, tally)
        track = checked(record, TRACK, position, index, tally)
        item = track and _plan_track(track, index, fallback_time, names, tally)
        if track and item:
            item.position = position
            planned.append(item)
            unknown_model += not track.get("model")
    if unknown_model:
        message = f"{unknown_model} track(s) record no model; imported as {UNKNOWN!r}"
        tally.add(Problem.MISSING_FIELD, index, message)
    return planned


def _without_audio(record: Any, skimmer: Skimmer, index: Path, position: int, tally: Tally) -> Any:
    """The record with its audio replaced by whether it has any (None when not) and its
    other long strings read back (None, reported, when they are too long)."""
    if not isinstance(record, dict):
        return record
    rest = {key: value for key, value in record.items() if key != AUDIO_FIELD}
    try:
        rest = resolved(rest, skimmer, index, MAX_RECORD_BYTES)
    except SkimError as exc:
        tally.add(Problem.INVALID_VALUE, index, f"track at position {position}: {exc.reason}")
        return None
    return {**rest, AUDIO_FIELD: True if record.get(AUDIO_FIELD) else None}


def _plan_track(
    track: dict[str, Any], index: Path, fallback_time: str, names: Counter[str], tally: Tally
) -> PlannedAsset | None:
    label = str(track["id"])
    beside = _beside(index, track.get("filename"))
    params = {**params_of(track, MAPPED), "legacyName": track.get("name")}
    identity = (label, str(track.get("prompt") or ""), str(track.get("lyrics") or ""))
    gen = generation(
        tally,
        index,
        label,
        identity,
        timed=False,
        type=AssetType.MUSIC,
        provider=track["provider"],
        model=track.get("model") or UNKNOWN,
        status=AssetStatus.READY,
        name=_name(track, names, index, tally),
        prompt=track.get("prompt"),
        created_at=track.get("createdAt") or (_modified(beside) if beside else fallback_time),
        params={k: v for k, v in params.items() if v is not None},
        slot=label,
    )
    if gen is None:
        return None
    item = PlannedAsset(Kind.MUSIC, gen, label, index)
    item.inline, item.source = bool(track[AUDIO_FIELD]), beside
    _report_audio(item, track, tally)
    return item


def _report_audio(item: PlannedAsset, track: dict[str, Any], tally: Tally) -> None:
    shown = track.get("filename") or "(no filename)"
    if item.inline and item.source is None:
        message = f"{item.legacy_id} exists only as audioBase64 ({shown} is not on disk)"
        tally.add(Problem.BASE64_EXTRACTED, item.where, message, item.legacy_id)
    elif not item.inline and item.source is None:
        item.file_problem = "missing"
        message = f"{item.legacy_id} has no audioBase64 and {shown} is not on disk"
        tally.add(Problem.MISSING_FILE, item.where, message, item.legacy_id)


def _name(track: dict[str, Any], names: Counter[str], index: Path, tally: Tally) -> str:
    """The legacy name when it says something, else one derived from the prompt."""
    legacy = track.get("name")
    if isinstance(legacy, str) and not GENERIC_NAME.match(legacy):
        return legacy
    base = _headline(track.get("prompt")) or _headline(track.get("lyrics")) or str(track["id"])
    names[base] += 1
    name = base if names[base] == 1 else f"{base} ({names[base]})"
    message = f"{track['id']}: {legacy!r} renamed to {name!r}"
    tally.add(Problem.RENAMED_TRACK, index, message, str(track["id"]))
    return name


def _headline(text: Any) -> str:
    """The first line of a text, whitespace collapsed, cut at a word near 60 characters."""
    if not isinstance(text, str):
        return ""
    first = next((line for line in text.splitlines() if line.strip()), "")
    words = " ".join(first.split())
    if len(words) <= NAME_LENGTH:
        return words.strip(" ,.;:-")
    cut = words[:NAME_LENGTH].rsplit(" ", 1)[0]
    return cut.strip(" ,.;:-") + "…"


def inline_audio(index: Path, wanted: set[int]) -> Iterator[tuple[int, str | Span]]:
    """(position, base64 text or where it lies in the index) of the wanted tracks,
    streamed (second pass)."""
    skimmer = new_skimmer(ITEMS)
    for position, record in enumerate(stream_items(index, ITEMS, skimmer)):
        if position in wanted and isinstance(record, dict):
            audio = record.get(AUDIO_FIELD)
            span = skimmer.span_of(audio)
            if span is not None:
                yield position, span
            elif isinstance(audio, str) and audio:
                yield position, audio


async def decoded(source: str | Span, index: Path) -> AsyncIterator[bytes]:
    """The bytes of base64 text (a `data:` URI too), decoded slice by slice: read from
    its place in the index for a long one (JSON escapes undone, whitespace dropped)."""
    pieces = read_raw(index, source, SLICE) if isinstance(source, Span) else _ascii(source)
    pending = b""
    for piece in _after_data_prefix(
        _unescaped(piece) if b"\\" in piece else piece for piece in pieces
    ):
        text = pending + _without_whitespace(piece)
        usable = len(text) - len(text) % 4
        pending = text[usable:]
        if usable:
            yield pybase64.b64decode(memoryview(text)[:usable], validate=True)
    if pending:
        raise binascii.Error(f"base64 text ends with {len(pending)} stray characters")


def _after_data_prefix(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """The text without a leading `data:<type>;base64,`, looked for in its first bytes."""
    head = b""
    for piece in pieces:
        if len(head) >= DATA_PREFIX_MAX:
            yield piece
            continue
        head += piece
        if len(head) >= DATA_PREFIX_MAX:
            yield _without_data_prefix(head)
    if len(head) < DATA_PREFIX_MAX:
        yield _without_data_prefix(head)


def _without_whitespace(text: bytes) -> bytes:
    """`text` without spaces, tabs and line breaks (looked for first: deleting is slow)."""
    if any(space in text for space in WHITESPACE_BYTES):
        return text.translate(None, WHITESPACE)
    return text


def _ascii(text: str) -> Iterator[bytes]:
    for offset in range(0, len(text), SLICE):
        try:
            yield text[offset : offset + SLICE].encode("ascii")
        except UnicodeEncodeError as exc:
            raise binascii.Error("base64 text holds a character that is not ASCII") from exc


def _unescaped(raw: bytes) -> bytes:
    """Raw JSON string text with its escapes undone (`\\/` is common in base64)."""
    try:
        text: str = json.loads(b'"' + raw + b'"')
        return text.encode("ascii")
    except (ValueError, UnicodeEncodeError) as exc:
        raise binascii.Error(f"not base64 text: {exc}") from exc


def _without_data_prefix(text: bytes) -> bytes:
    comma = text.find(b",", 0, DATA_PREFIX_MAX)
    return text[comma + 1 :] if text.startswith(b"data:") and comma >= 0 else text


def _beside(index: Path, filename: Any) -> Path | None:
    path = named_beside(index, filename)
    return path if path is not None and path.is_file() else None


def _modified(path: Path) -> str:
    return utc_timestamp(datetime.fromtimestamp(path.stat().st_mtime, UTC))
