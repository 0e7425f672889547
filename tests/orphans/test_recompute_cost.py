"""What a full recomputation costs: its statements, and db hits that stay flat in what
cannot be a root cause."""

from __future__ import annotations

from lineage.db.cypher import composed, load_text
from lineage.db.store import Store
from lineage.orphans.refresh import recompute_all
from lineage.orphans.repository import RECOMPUTED_ROOTS
from tests.api.test_catalog_page_cost import total_db_hits
from tests.orphans.test_orphans_cli import scenario

UNREVISED_PROMPTS = 300


async def recompute_db_hits(store: Store) -> int:
    """db hits of the recomputation's one pass (as a dry run: it writes nothing)."""
    name = composed(RECOMPUTED_ROOTS, "orphans/recompute/list_recomputed")
    async with store.driver.session(database=store.database) as session:
        result = await session.run("PROFILE " + load_text(name))
        rows = [r async for r in result]
        summary = await result.consume()
    assert [r["id"] for r in rows if r["roots"]] == ["vid-1"]  # the scenario's one orphan
    return total_db_hits(summary.profile)


async def test_a_recomputation_is_one_statement_after_the_outdated_check(store: Store) -> None:
    await scenario(store)
    await recompute_all(store)  # resamples the indexes the scenario outdated
    before = store.queries_run
    assert (await recompute_all(store)).count == 0
    assert store.queries_run - before == 2


async def test_db_hits_do_not_grow_with_prompts_nobody_revised(store: Store) -> None:
    await scenario(store)
    await recompute_all(store)
    few = await recompute_db_hits(store)
    rows = [
        {"props": {"id": f"p-{n}", "kind": "human", "text": "a fox"}, "projectCode": "VSS-001"}
        for n in range(UNREVISED_PROMPTS)
    ]
    await store.write("bench/create_prompts", rows=rows)
    await recompute_all(store)  # resamples, as after any bulk write
    many = await recompute_db_hits(store)
    assert many - few < UNREVISED_PROMPTS, (few, many)  # a scan of every prompt adds 2 each
