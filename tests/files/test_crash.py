"""Real crashes (a child process killed with os._exit mid-save) and recovery on start."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from lineage.files import AssetType, FileCheck, FileClaim, LocalFileStore
from tests.files.samples import MP4, chunks, files_under

CHILD = """
import asyncio, os, sys
from pathlib import Path
import lineage.files.store as store_module
from lineage.files import AssetType, FileClaim, LocalFileStore

def crash(*args, **kwargs):
    os._exit(3)

setattr(store_module.{target}, "{attribute}", crash)
store = LocalFileStore(Path(sys.argv[1]))
asyncio.run(store.copy_from_path(Path(sys.argv[2]), FileClaim(AssetType.VIDEO, "kling", "v2")))
"""


def crash_during_save(root: Path, source: Path, target: str, attribute: str) -> None:
    """Run a save in a child process that dies when it reaches `target.attribute`."""
    code = textwrap.dedent(CHILD).format(target=target, attribute=attribute)
    result = subprocess.run([sys.executable, "-c", code, str(root), str(source)], timeout=60)
    assert result.returncode == 3


def mp4_source(tmp_path: Path) -> Path:
    source = tmp_path / "legacy.mp4"
    source.write_bytes(MP4)
    return source


async def test_crash_between_staging_and_linking(tmp_path: Path) -> None:
    root = tmp_path / "assets"
    crash_during_save(root, mp4_source(tmp_path), "LocalFileStore", "_publish")
    store = LocalFileStore(root)
    assert len(files_under(store.layout.staging)) == 1
    assert files_under(store.layout.folder(AssetType.VIDEO)) == []
    recovery = await store.recover()
    assert (recovery.staged_removed, recovery.described) == (1, 0)
    assert files_under(store.layout.catalog) == []


async def test_crash_after_linking_before_metadata(tmp_path: Path) -> None:
    root = tmp_path / "assets"
    crash_during_save(root, mp4_source(tmp_path), "LocalFileStore", "_record")
    store = LocalFileStore(root)
    [visible] = files_under(store.layout.folder(AssetType.VIDEO))
    assert visible.read_bytes() == MP4
    recovery = await store.recover()
    assert (recovery.staged_removed, recovery.described) == (1, 1)
    ref = f"video/{visible.name}"
    described = await store.describe(ref)
    assert described.media_type == "video/mp4" and described.size_bytes == len(MP4)
    assert await store.verify(ref, described.sha256) == FileCheck.OK
    again = await store.save(chunks(MP4), FileClaim(AssetType.VIDEO, "kling", "v2"))
    assert again.ref == ref and again.deduplicated


async def test_recover_spares_fresh_staged_files_within_a_grace_period(tmp_path: Path) -> None:
    store = LocalFileStore(tmp_path / "assets")
    busy = store.layout.staging / "in-progress.part"
    busy.write_bytes(b"still uploading")
    assert (await store.recover(older_than_seconds=600)).staged_removed == 0
    assert busy.exists()
    assert (await store.recover()).staged_removed == 1
    assert not busy.exists()
