"""The built wheel carries the Cypher files, and the loader finds them there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from lineage.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import asyncio, lineage.db.cypher as c
from lineage.db.driver import create_driver
from lineage.db.store import Store
from lineage.settings import Settings
import sys
assert str(c.cypher_root()).startswith(sys.argv[1]), c.cypher_root()
async def main():
    d = create_driver(Settings())
    print((await Store(d, 'neo4j').read('admin/ping'))[0]['ok'])
    await d.close()
asyncio.run(main())
"""


def test_wheel_ships_cypher_and_runs_a_query(tmp_path: Path, settings: Settings) -> None:
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("lineage-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "lineage/cypher/admin/ping.cypher" in names
    assert any(n.startswith("lineage/cypher/schema/0001_") for n in names)
    site = tmp_path / "wheel-site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "NEO4J_URI": str(settings.neo4j_uri),
        "NEO4J_PASSWORD": settings.neo4j_password,
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(site)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
