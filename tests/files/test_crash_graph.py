"""A crash between storing a file and committing `recordGeneration` leaves no dangling asset.

A child process stores a file and records it through the real GenerationService on the
real Neo4j, and is killed with SIGKILL either while the file is still staged, or inside
the graph transaction after the asset was created but before the commit. Afterwards no
`:Asset` names a missing file, and the application's start-up (`recover()`) removes the
staged leftover. The same holds when the graph refuses the write (an unknown prompt).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest

from lineage.app import create_app
from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.files.verify import verify_catalog
from lineage.orphans.refresh import refresh_in
from lineage.settings import Settings
from tests.api.helpers import RECORD
from tests.conftest import GraphQLClient
from tests.files.catalog import file_flags, record_with_file, unique_jpeg, upload
from tests.files.samples import files_under
from tests.live_server import LiveServer
from tests.neo4j_provider import service_environment

CHILD = """
import asyncio, os, signal, sys
from pathlib import Path
from lineage.models import AssetType
from lineage.assets.models import NewGeneration
from lineage.generations import service
from lineage.generations.service import GenerationService
from lineage.files import FileClaim, LocalFileStore
from lineage.runtime import open_store
from lineage.settings import get_settings

def die(*args, **kwargs):
    print("killed at", sys.argv[1], flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

if sys.argv[1] == "staged":
    LocalFileStore._publish = die
else:
    service.refreshed_after = die  # runs after the statement that creates it, in the tx

async def main():
    settings = get_settings()
    files = LocalFileStore(settings.assets_root)
    claim = FileClaim(AssetType.IMAGE, "fal", "flux-pro")
    stored = await files.copy_from_path(Path(sys.argv[2]), claim)
    print("stored", stored.ref, flush=True)
    gen = NewGeneration(id="crashed", type="image", provider="fal", model="flux-pro",
                        file_ref=stored.ref)
    async with open_store(settings) as store:
        await GenerationService(store, files).record(gen)
    print("committed", flush=True)

asyncio.run(main())
"""


def crash_child(settings: Settings, where: str, source: Path) -> str:
    """Run the child until it kills itself at `where`; its output."""
    env = {**os.environ, **service_environment(settings, settings.assets_root)}
    code = textwrap.dedent(CHILD)
    result = subprocess.run(
        [sys.executable, "-c", code, where, str(source)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert "committed" not in result.stdout
    return result.stdout


async def assert_no_dangling_asset(store: Store, files: LocalFileStore) -> None:
    """The crashed asset is absent; every asset that names a file names an intact one."""
    flags = await file_flags(store)
    assert "crashed" not in flags
    report = await verify_catalog(store, files, refresh=refresh_in)
    assert report.checked == len([f for f in flags.values() if f["fileSha256"]]) >= 1
    assert report.all_fine, report.problems


def restart_app(settings: Settings) -> None:
    """Start (and stop) the application on the same catalog: its start-up recovers."""
    with LiveServer(create_app(settings)):
        pass


@pytest.mark.parametrize("where", ["staged", "in-transaction"])
async def test_a_killed_process_leaves_no_dangling_asset(
    gql: GraphQLClient,
    http: httpx.AsyncClient,
    store: Store,
    settings: Settings,
    tmp_path: Path,
    where: str,
) -> None:
    await record_with_file(gql, http, "before-the-crash")
    source = tmp_path / "generated.jpg"
    source.write_bytes(unique_jpeg())
    files = LocalFileStore(settings.assets_root)
    staged_before = files_under(files.layout.staging)

    output = crash_child(settings, where, source)

    assert f"killed at {where}" in output
    assert ("stored image/" in output) == (where == "in-transaction")
    leftovers = files_under(files.layout.staging)
    assert len(leftovers) == len(staged_before) + (where == "staged")
    await assert_no_dangling_asset(store, files)
    restart_app(settings)
    assert files_under(files.layout.staging) == []
    await assert_no_dangling_asset(store, files)


async def test_a_refused_graph_write_records_nothing(
    gql: GraphQLClient, http: httpx.AsyncClient, store: Store, settings: Settings
) -> None:
    await record_with_file(gql, http, "before")
    ref = await upload(http, unique_jpeg())
    body = await gql(
        RECORD,
        **{
            "in": {
                "id": "crashed",
                "type": "IMAGE",
                "provider": "fal",
                "model": "flux-pro",
                "fileRef": ref,
                "promptIds": ["no-such-prompt"],
            }
        },
    )
    assert body["errors"][0]["extensions"]["code"] in {"NOT_FOUND", "INVALID_INPUT"}
    assert "no-such-prompt" in body["errors"][0]["message"]
    await assert_no_dangling_asset(store, LocalFileStore(settings.assets_root))
