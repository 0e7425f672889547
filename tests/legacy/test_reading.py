"""The parts that need no database: JSON error positions, streamed base64, track names."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from lineage.legacy import music
from lineage.legacy.folder import open_folder
from lineage.legacy.jsonfiles import MalformedJson, read_json, stream_items
from lineage.legacy.music import decoded
from lineage.legacy.report import Tally

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
async def test_base64_decodes_in_slices(monkeypatch: pytest.MonkeyPatch, prefix: str) -> None:
    monkeypatch.setattr(music, "SLICE", 7)  # slices that never align with base64 quanta
    data = bytes(range(256)) * 3 + b"end"
    text = base64.b64encode(data).decode()
    wrapped = prefix + "\n".join(text[i : i + 10] for i in range(0, len(text), 10))
    chunks = [chunk async for chunk in decoded(wrapped)]
    assert b"".join(chunks) == data and len(chunks) > 10


async def test_truncated_base64_is_an_error() -> None:
    import binascii

    with pytest.raises(binascii.Error):
        _ = [chunk async for chunk in decoded("QUJDRA")]


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
