"""The music library: tracks streamed from an index far larger than memory.

The index is read twice with ijson: first for every track's fields without keeping
its audio (which also proves the whole file parses before anything is written),
then for the audio of the tracks that are new, decoded from base64 in slices as
the file store consumes it. ijson hands over each string value whole, so one
track's base64 is in memory at a time, never the index.
"""

from __future__ import annotations

import binascii
import re
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lineage.assets.models import AssetStatus, AssetType
from lineage.legacy.folder import LegacyFolder, named_beside
from lineage.legacy.jsonfiles import stream_items
from lineage.legacy.plan import PlannedAsset, RecordSpec, checked, generation, params_of
from lineage.legacy.report import Kind, Problem, Tally
from lineage.models import utc_timestamp

TRACK = RecordSpec(
    "track",
    required=("id", "provider"),
    listed=("name", "filename", "audioBase64", "prompt", "lyrics"),
)
MAPPED = frozenset({"id", "provider", "model", "prompt", "name", "audioBase64", "createdAt"})
AUDIO_FIELD = "audioBase64"
ITEMS = "tracks.item"
SLICE = 1024 * 1024
NAME_LENGTH = 60
GENERIC_NAME = re.compile(r"^\s*(track\s*\d*)?\s*$", re.IGNORECASE)
UNKNOWN = "unknown"


def plan_music(folder: LegacyFolder, tally: Tally) -> list[PlannedAsset]:
    """Every valid track (first pass; raises MalformedJson before anything is planned)."""
    index = folder.music_index
    fallback_time = _modified(index)
    names: Counter[str] = Counter()
    planned, unknown_model = [], 0
    for position, raw in enumerate(stream_items(index, ITEMS)):
        record = _without_audio(raw)
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


def _without_audio(record: Any) -> Any:
    """The record with its audio replaced by whether it has any (None when not)."""
    if not isinstance(record, dict):
        return record
    return {**record, AUDIO_FIELD: True if record.get(AUDIO_FIELD) else None}


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


def inline_audio(index: Path, wanted: set[int]) -> Iterator[tuple[int, str]]:
    """(position, base64 text) of the wanted tracks, streamed (second pass)."""
    for position, record in enumerate(stream_items(index, ITEMS)):
        if position in wanted and isinstance(record, dict):
            text = record.get(AUDIO_FIELD)
            if isinstance(text, str) and text:
                yield position, text


async def decoded(text: str) -> AsyncIterator[bytes]:
    """The bytes of base64 text (a `data:` URI too), decoded slice by slice."""
    start = text.index(",") + 1 if text.startswith("data:") and "," in text else 0
    pending = ""
    for offset in range(start, len(text), SLICE):
        piece = pending + "".join(text[offset : offset + SLICE].split())
        usable = len(piece) - len(piece) % 4
        pending = piece[usable:]
        if usable:
            yield binascii.a2b_base64(piece[:usable], strict_mode=True)
    if pending:
        raise binascii.Error(f"base64 text ends with {len(pending)} stray characters")


def _beside(index: Path, filename: Any) -> Path | None:
    path = named_beside(index, filename)
    return path if path is not None and path.is_file() else None


def _modified(path: Path) -> str:
    return utc_timestamp(datetime.fromtimestamp(path.stat().st_mtime, UTC))
