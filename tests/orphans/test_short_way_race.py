"""The short way notices a consumer that committed while it waited for its locks: the
walk below the moved root cannot see an asset whose transaction has not committed, and
that transaction holds the lock of its input, so the short way waits for it; once it
holds the locks, its walk through live assets reaches the new asset, which was not
locked: it moves nothing, says it is not `complete`, and its next run moves it too."""

from __future__ import annotations

import asyncio
from typing import Any

from lineage.assets.models import NewGeneration
from lineage.db.cypher import load_text
from lineage.db.store import Store, Tx
from lineage.generations.service import GenerationService
from lineage.models import AssetType
from tests.conftest import GraphQLClient
from tests.orphans.test_short_way_cost import hub_with

LOCKED_WAIT_S = 3.0  # ample for the short way to walk and reach the lock it waits for


async def moved_twice(store: Store, root: str) -> list[dict[str, Any]]:
    """Run the short way giving `root`'s live dependants `root` as a root cause twice,
    in one transaction (rolled back): each run's result row."""
    refresh = {"rows": [], "deltas": [], "root": root, "add": True, "exclude": [], "assetId": None}
    params = {"refresh": refresh}
    rows = []
    async with store.driver.session(database=store.database) as session:
        tx = await session.begin_transaction()
        for _ in range(2):
            result = await tx.run(load_text("orphans/store_refresh"), params)
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
        await asyncio.sleep(LOCKED_WAIT_S)
        assert not short_way.done()  # waiting for hub-3-v0's lock
        await creating.commit()
    first, second = await short_way
    assert (first["complete"], first["orphaned"]) == (False, [])
    assert second["complete"]
    assert sorted(second["orphaned"]) == ["hub-3-v0", "hub-3-v1", "hub-3-v2", "late"]
