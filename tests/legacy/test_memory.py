"""Peak memory of importing a music index of more than 100 MB of base64, in a fresh process."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from lineage.bench.memprobe import run_probe
from lineage.bench.synthetic import write_music_index
from lineage.db.store import Store
from lineage.settings import Settings
from tests.legacy.conftest import snapshot

PEAK_LIMIT_MB = 200


@pytest.mark.slow
async def test_a_100_mb_base64_index_imports_in_bounded_memory(
    settings: Settings, store: Store, tmp_path: Path
) -> None:
    tracks = write_music_index(tmp_path / "tree" / "music-library", 100, 2.0)
    index = tmp_path / "tree" / "music-library" / "index.json"
    assert index.stat().st_size >= 100 * 2**20
    result = await asyncio.to_thread(
        run_probe, settings, tmp_path / "tree", tmp_path / "store", 600
    )
    size = index.stat().st_size / 2**20
    print(f"peak RSS {result['peakRssMb']} MB (before {result['baselineRssMb']}) for {size:.0f} MB")
    assert result["tracks"] == tracks
    assert result["peakRssMb"] < PEAK_LIMIT_MB
    assert len((await snapshot(store)).assets(type="music")) == tracks
