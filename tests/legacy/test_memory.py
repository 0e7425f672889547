"""Peak memory of importing a music index of more than 100 MB of base64, in a fresh process."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lineage.db.store import Store
from lineage.legacy.synthetic import write_music_index
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
    env = {
        **os.environ,
        "NEO4J_URI": str(settings.neo4j_uri),
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
    }
    command = [
        sys.executable,
        "-m",
        "lineage.legacy.memprobe",
        str(tmp_path / "tree"),
        str(tmp_path / "store"),
    ]
    done = await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    size = index.stat().st_size / 2**20
    print(f"peak RSS {result['peakRssMb']} MB (before {result['baselineRssMb']}) for {size:.0f} MB")
    assert result["tracks"] == tracks
    assert result["peakRssMb"] < PEAK_LIMIT_MB
    assert len((await snapshot(store)).assets(type="music")) == tracks
