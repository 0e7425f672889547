"""The parts that need no database: JSON error positions, streamed base64, track names."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from lineage.legacy import jsonfiles, music, skim
from lineage.legacy.folder import open_folder
from lineage.legacy.jsonfiles import MAX_DEPTH, MalformedJson, read_json, stream_items
from lineage.legacy.music import decoded
from lineage.legacy.report import Tally
from lineage.legacy.skim import Span

BROKEN = [
    '{"tracks": [\n  {"id": "a"},\n  {"id": "b" "x": 1}\n]}',
    '{"tracks": [\n  {"id": "a"},\n  {"id": "ช้าง",, "x": 1}\n]}',
    '{"tracks": [\n  {"id": "a"},\n',
    '{"tracks": [{"id": "a"}]} trailing',
]


@pytest.mark.parametrize("text", BROKEN)
def test_both_readers_place_the_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "index.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    with pytest.raises(MalformedJson) as whole:
        read_json(path)
    assert (whole.value.line, whole.value.column) == (expected.value.lineno, expected.value.colno)
    with pytest.raises(MalformedJson) as streamed:
        list(stream_items(path, "tracks.item"))
    # yajl stops inside (or at the end of) the offending token, never before it
    assert streamed.value.line == expected.value.lineno
    assert expected.value.colno <= streamed.value.column <= expected.value.colno + 6


def test_an_error_deep_in_a_large_file_is_placed(tmp_path: Path) -> None:
    tracks = [{"id": f"t{n}", "audioBase64": "QUJD" * 50_000} for n in range(30)]
    text = json.dumps({"tracks": tracks}, indent=2).replace('"id": "t25"', '"id" "t25"')
    path = tmp_path / "index.json"
    path.write_text(text)
    with pytest.raises(MalformedJson) as streamed:
        list(stream_items(path, "tracks.item"))
    line = next(n for n, s in enumerate(text.splitlines(), 1) if '"id" "t25"' in s)
    assert streamed.value.line == line and 12 <= streamed.value.column <= 16  # at `"t25"`


@pytest.mark.parametrize("prefix", ["", "data:audio/mpeg;base64,"])
async def test_base64_decodes_in_slices(
    monkeypatch: pytest.MonkeyPatch, prefix: str, tmp_path: Path
) -> None:
    monkeypatch.setattr(music, "SLICE", 7)  # slices that never align with base64 quanta
    data = bytes(range(256)) * 3 + b"end"
    text = base64.b64encode(data).decode()
    wrapped = prefix + "\n".join(text[i : i + 10] for i in range(0, len(text), 10))
    chunks = [chunk async for chunk in decoded(wrapped, tmp_path)]
    assert b"".join(chunks) == data and len(chunks) > 10


@pytest.mark.parametrize("prefix", ["", "data:audio/mpeg;base64,"])
async def test_long_base64_decodes_from_its_place_in_the_file(
    monkeypatch: pytest.MonkeyPatch, prefix: str, tmp_path: Path
) -> None:
    """Escaped slashes and line breaks, slices that cut escapes: read straight from the file."""
    monkeypatch.setattr(music, "SLICE", 7)
    monkeypatch.setattr(skim, "CHUNK", 16 * 1024)  # the text spans chunks: it is skimmed
    data = bytes(range(256)) * 400
    text = base64.b64encode(data).decode()
    wrapped = prefix + "\n".join(text[i : i + 76] for i in range(0, len(text), 76))
    escaped = json.dumps({"tracks": [{"id": "t", "audioBase64": wrapped}]}).replace("/", "\\/")
    assert "\\/" in escaped and "\\n" in escaped
    index = tmp_path / "index.json"
    index.write_text(escaped)
    [(position, source)] = list(music.inline_audio(index, {0}))
    assert position == 0 and isinstance(source, Span)  # skimmed, never parsed
    chunks = [chunk async for chunk in decoded(source, index)]
    assert b"".join(chunks) == data


async def test_truncated_base64_is_an_error(tmp_path: Path) -> None:
    import binascii

    with pytest.raises(binascii.Error):
        _ = [chunk async for chunk in decoded("QUJDRA", tmp_path)]


def test_track_names_come_from_the_prompt(tmp_path: Path) -> None:
    (tmp_path / "music-library").mkdir()
    long_prompt = "Upbeat acoustic folk song about a fox crossing a frozen river at dawn, banjo"
    tracks = [
        {"id": "m1", "name": "Track 1", "provider": "kie", "prompt": "ช้าง ช้าง"},
        {"id": "m2", "name": "Track 1", "provider": "kie", "prompt": "ช้าง ช้าง"},
        {"id": "m3", "name": "Fox Song", "provider": "kie", "prompt": "x"},
        {"id": "m4", "provider": "kie", "prompt": long_prompt},
        {"id": "m5", "name": "Track 1", "provider": "kie", "lyrics": "\n  La la la\nmore"},
    ]
    (tmp_path / "music-library/index.json").write_text(json.dumps({"tracks": tracks}))
    folder = open_folder(tmp_path)
    planned = music.plan_music(folder, Tally(folder.root))
    names = [p.gen.name for p in planned]
    assert names[:3] == ["ช้าง ช้าง", "ช้าง ช้าง (2)", "Fox Song"]
    assert names[3] == "Upbeat acoustic folk song about a fox crossing a frozen…"
    assert names[4] == "La la la"


def test_nesting_past_the_limit_is_refused_where_it_starts(tmp_path: Path) -> None:
    """20,000 levels: json.loads recursed out of its stack, ijson took memory in the
    square of the depth; both now stop at level 65, at its line and column."""
    path = tmp_path / "index.json"
    path.write_text('{\n  "tracks": ' + "[" * 20_000 + "]" * 20_000 + "\n}")
    column = len('  "tracks": ') + MAX_DEPTH  # the bracket opening level MAX_DEPTH + 1
    for read in (read_json, lambda p: list(stream_items(p, "tracks.item"))):
        with pytest.raises(MalformedJson) as refused:
            read(path)
        assert (refused.value.line, refused.value.column) == (2, column)
        assert f"nested deeper than {MAX_DEPTH} levels" in refused.value.reason


def test_a_document_or_record_over_its_size_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "index.json"
    tracks = [{"id": f"t{n}", "tags": ["x" * 100] * 50} for n in range(5)]
    path.write_text(json.dumps({"tracks": tracks}))
    monkeypatch.setattr(jsonfiles, "MAX_DOCUMENT_BYTES", 10_000)
    with pytest.raises(MalformedJson, match="larger than 10000 bytes"):
        read_json(path)
    monkeypatch.setattr(jsonfiles, "MAX_RECORD_BYTES", 4_000)
    with pytest.raises(MalformedJson, match="a record holds more than 4000 bytes"):
        list(stream_items(path, "tracks.item"))


def test_long_text_besides_the_audio_is_read_back_whole(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(skim, "CHUNK", 16 * 1024)  # the lyrics span chunks: they are skimmed
    lyrics = 'La la "fox" ช้าง\n' * 10_000
    (tmp_path / "music-library").mkdir()
    track = {"id": "m1", "provider": "kie", "lyrics": lyrics, "audioBase64": "QUJD" * 30_000}
    (tmp_path / "music-library/index.json").write_text(json.dumps({"tracks": [track]}))
    folder = open_folder(tmp_path)
    [planned] = music.plan_music(folder, Tally(folder.root))
    assert planned.gen.params["lyrics"] == lyrics and planned.inline
