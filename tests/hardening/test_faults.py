"""Neo4j killed (SIGKILL) in the middle of a burst of mutations and of a legacy import.

After a restart, re-running the same work (with the same client keys) must give
exactly the graph a clean run gives, with every acknowledged write in it. The
tests run their own Neo4j (instance `faults`, ports 7697/7484), so killing it
disturbs no other test.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lineage.assets.models import Frame, FrameRole, NewGeneration
from lineage.bench.synthetic import write_tree
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.files import LocalFileStore
from lineage.generations.service import GenerationService
from lineage.integrity import check_integrity
from lineage.legacy.importer import import_legacy
from lineage.localdb.server import LocalNeo4j
from lineage.models import AssetType
from lineage.runtime import open_store
from lineage.settings import Settings
from lineage.upgrades import migrate
from tests.neo4j_provider import dedicated_neo4j

BURST = 120
KILL_AFTER = 40
SHOTS = 8


@pytest.fixture(scope="module")
def faulty_neo4j() -> Iterator[tuple[Settings, LocalNeo4j]]:
    with dedicated_neo4j("faults", 7697, 7484) as found:
        yield found


def generation(n: int) -> NewGeneration:
    """The n-th write: images regenerating a few shared slots, and videos of the first shots."""
    if n >= SHOTS and n % 5 == 0:
        frames = [
            Frame(asset_id=f"burst-{n % SHOTS}", role=FrameRole.START),
            Frame(asset_id=f"burst-{(n + 1) % SHOTS}", role=FrameRole.END, position=1),
        ]
        return NewGeneration(
            id=f"burst-{n}", type=AssetType.VIDEO, provider="fal", model="wan", frames=frames
        )
    return NewGeneration(
        id=f"burst-{n}",
        type=AssetType.IMAGE,
        provider="fal",
        model="flux",
        slot=f"shot-{n % SHOTS}",
    )


async def burst(store: Store, acknowledged: list[str], kill: Any = None) -> None:
    """Record the burst in order; `kill` runs once KILL_AFTER writes are acknowledged."""
    generations = GenerationService(store)
    for n in range(BURST):
        if kill is not None and len(acknowledged) == KILL_AFTER:
            await asyncio.to_thread(kill)
        change = await generations.record(generation(n), client_key=f"burst-key-{n}")
        acknowledged.append(change.asset.id)


async def snapshot(settings: Settings) -> list[dict[str, Any]]:
    async with open_store(settings) as store:
        return await store.read("integrity/list_snapshot")


async def assets_written(store: Store) -> int:
    [row] = await store.read("bench/count_orphaned")
    return int(row["assets"])


async def fresh(settings: Settings) -> None:
    async with open_store(settings) as store:
        await migrate(store)
        await store.write("admin/wipe_data")


async def test_a_burst_of_mutations_survives_a_killed_neo4j(
    faulty_neo4j: tuple[Settings, LocalNeo4j],
) -> None:
    settings, server = faulty_neo4j
    await fresh(settings)
    async with open_store(settings) as store:
        await burst(store, [])
    clean = await snapshot(settings)

    await fresh(settings)
    acknowledged: list[str] = []
    async with open_store(settings) as store:
        with pytest.raises(LineageError):
            await burst(store, acknowledged, kill=server.kill)
    assert len(acknowledged) == KILL_AFTER
    await asyncio.to_thread(server.start)
    survived = {row["key"] for row in await snapshot(settings)}
    assert set(acknowledged) <= survived  # every acknowledged write is there
    async with open_store(settings) as store:
        await burst(store, [])  # the client retries everything with the same keys
        assert await check_integrity(store) == []
    assert await snapshot(settings) == clean


async def test_a_legacy_import_survives_a_killed_neo4j(
    faulty_neo4j: tuple[Settings, LocalNeo4j], tmp_path: Path
) -> None:
    settings, server = faulty_neo4j
    tree = tmp_path / "fligen"
    write_tree(tree, records=3000, files=20)
    clean_files = LocalFileStore(tmp_path / "clean-catalog")
    await fresh(settings)
    async with open_store(settings) as store:
        await import_legacy(store, clean_files, tree)
    clean = await snapshot(settings)

    await fresh(settings)
    files = LocalFileStore(tmp_path / "catalog")
    async with open_store(settings) as store:
        importing = asyncio.create_task(import_legacy(store, files, tree))
        while not await assets_written(store) and not importing.done():
            await asyncio.sleep(0.05)
        await asyncio.to_thread(server.kill)
        with pytest.raises(LineageError):
            await importing
    await asyncio.to_thread(server.start)
    async with open_store(settings) as store:
        await import_legacy(store, files, tree)
        assert await check_integrity(store) == []
    assert await snapshot(settings) == clean
