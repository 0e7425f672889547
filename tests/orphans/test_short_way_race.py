"""The short way notices a consumer that committed while it waited for its locks: the
walk below the moved root cannot see an asset whose transaction has not committed, and
that transaction holds the lock of its input, so the short way waits for it; once it
holds the locks, its walk through live assets reaches the new asset, which was not
locked: it moves nothing, says it is not `complete`, and its next run moves it too.
And it holds the lock of everything below the root until its transaction ends, what it
writes and what it does not (an asset no longer live, whose revert would read what the
short way is writing): a writer of either waits."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from neo4j import AsyncTransaction

from lineage.assets.models import NewGeneration
from lineage.db.cypher import load_text
from lineage.db.store import Store, Tx
from lineage.generations.service import GenerationService
from lineage.models import AssetType
from lineage.orphans import tracker
from lineage.orphans.repository import STORE_REFRESH
from tests.conftest import GraphQLClient
from tests.orphans.test_short_way_cost import hub_with

ARCHIVE = "mutation($id: ID!) { archiveAsset(id: $id) { asset { id } } }"
BLOCKED_WITHIN_S = 120.0  # for a statement to reach the lock it waits for, however loaded
# a transaction of the test's database, waiting for a lock, whose statement takes the
# short way's locks or is the test's own write (both name the marker `orphanLock`)
BLOCKED = (
    "SHOW TRANSACTIONS YIELD database, status, currentQuery "
    "WHERE database = $database AND status STARTS WITH 'Blocked' "
    "AND currentQuery CONTAINS 'orphanLock' RETURN count(*) AS n"
)


async def until_blocked(store: Store, waiting: asyncio.Task[Any]) -> None:
    """Returns once `waiting`'s statement waits for a lock another transaction holds
    (Neo4j says so in its status): a fixed pause let a slow statement arrive after the
    holder had committed. Fails at once if `waiting` ends without having waited."""
    deadline = asyncio.get_running_loop().time() + BLOCKED_WITHIN_S
    while asyncio.get_running_loop().time() < deadline:
        if waiting.done():
            await waiting  # its own error, if it raised
            raise AssertionError("the statement ended without waiting for a lock")
        async with store.driver.session(database=store.database) as session:
            result = await session.run(BLOCKED, database=store.database)
            record = await result.single()
        if record and record["n"]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no statement waited for a lock within {BLOCKED_WITHIN_S} s")


async def moved_twice(store: Store, root: str) -> list[dict[str, Any]]:
    """Run the short way giving `root`'s live dependants `root` as a root cause twice,
    in one transaction (rolled back): each run's result row."""
    refresh = {"rows": [], "deltas": [], "root": root, "add": True, "exclude": [], "assetId": None}
    params = {"refresh": refresh}
    rows = []
    async with store.driver.session(database=store.database) as session:
        tx = await session.begin_transaction()
        for _ in range(2):
            result = await tx.run(load_text(STORE_REFRESH), params)
            rows.extend([dict(r) async for r in result])
        await tx.rollback()
    return rows


async def test_a_consumer_committed_while_the_short_way_waited_is_moved_on_the_next_run(
    gql: GraphQLClient, store: Store
) -> None:
    await hub_with(gql, "hub-3", 3)
    late = NewGeneration(
        id="late", type=AssetType.VIDEO, provider="fal", model="wan", source_asset_ids=["hub-3-v0"]
    )
    async with store.driver.session(database=store.database) as session:
        creating = await session.begin_transaction()  # holds hub-3-v0's lock until it commits
        await GenerationService(store).record_in(Tx(creating, store), late, None)  # type: ignore[arg-type]
        short_way = asyncio.create_task(moved_twice(store, "hub-3"))
        await until_blocked(store, short_way)  # waiting for hub-3-v0's lock
        await creating.commit()
    first, second = await short_way
    assert (first["complete"], first["orphaned"]) == (False, [])
    assert second["complete"]
    assert sorted(second["orphaned"]) == ["hub-3-v0", "hub-3-v1", "hub-3-v2", "late"]


async def test_a_change_whose_short_way_found_a_late_consumer_moves_it_in_one_more_statement(
    gql: GraphQLClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The change's own statement takes the short way (orphans/refresh/move_root after
    store_claimed); when a consumer committed while it waited, it moves nothing there,
    and the refresh runs the short way again."""
    monkeypatch.setattr(tracker, "SHORT_WAY_CONSUMERS", 3)
    await hub_with(gql, "hub-3", 3)
    late = NewGeneration(
        id="late", type=AssetType.VIDEO, provider="fal", model="wan", source_asset_ids=["hub-3-v0"]
    )
    regeneration = NewGeneration(
        id="hub-3-r1", type=AssetType.IMAGE, provider="fal", model="flux", regenerates_id="hub-3"
    )
    async with store.driver.session(database=store.database) as session:
        creating = await session.begin_transaction()  # holds hub-3-v0's lock until it commits
        await GenerationService(store).record_in(Tx(creating, store), late, None)  # type: ignore[arg-type]
        statements = store.queries_run
        regenerating = asyncio.create_task(GenerationService(store).record(regeneration))
        await until_blocked(store, regenerating)  # waiting for hub-3-v0's lock
        await creating.commit()
    change = await regenerating
    assert sorted(change.orphans.orphaned) == ["hub-3-v0", "hub-3-v1", "hub-3-v2", "late"]
    assert store.queries_run - statements == 2  # the change's statement, the short way again


async def write_waits(store: Store, asset_id: str, holder: AsyncTransaction) -> None:
    """A write to `asset_id` (one that changes nothing) waits while `holder` (an open
    transaction) runs, and goes through once it is rolled back."""
    async with store.driver.session(database=store.database) as session:
        writer = await session.begin_transaction()
        touch = "MATCH (a:Asset {id: $id}) SET a.orphanLock = true REMOVE a.orphanLock"
        writing = asyncio.create_task(writer.run(touch, id=asset_id))
        await until_blocked(store, writing)  # waiting for the short way's lock
        await holder.rollback()
        await (await writing).consume()
        await writer.rollback()


async def test_the_short_way_holds_the_locks_of_what_is_below_its_root(
    gql: GraphQLClient, store: Store
) -> None:
    await hub_with(gql, "hub-2", 2)
    await gql.data(ARCHIVE, id="hub-2-v1")  # below the hub, no longer live: not written
    refresh = {
        "rows": [],
        "deltas": [],
        "root": "hub-2",
        "add": True,
        "exclude": [],
        "assetId": None,
    }
    for below in ("hub-2-v0", "hub-2-v1"):
        async with store.driver.session(database=store.database) as session:
            moving = await session.begin_transaction()
            result = await moving.run(load_text(STORE_REFRESH), {"refresh": refresh})
            assert (await result.single() or {}).get("orphaned") == ["hub-2-v0"]
            await write_waits(store, below, moving)
