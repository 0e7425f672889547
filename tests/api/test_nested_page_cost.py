"""A page with every nested field, read in one statement: its work (Neo4j's own db-hit
count, `PROFILE`) is flat in the project's size and grows with the page's size only.

The generated FliGen graph (`lineage bench`'s generator: shots, edits, scene videos
with frames, regenerations, workflow runs) has its projects gathered into one (each
slot stays as generated), of 2,000 and then of 20,000 assets; the page is Story
Builder's: a project's ready videos, newest first. Measured: 3.6k/3.0k db hits for 10
assets, 34.7k/33.8k for 100.
"""

from __future__ import annotations

from typing import Any

import pytest

from lineage.assets import catalog, page_plan
from lineage.assets.nested import EVERY_PROPERTY
from lineage.bench.generate import auto_commit, generate, wipe
from lineage.db.cypher import load_text
from lineage.db.store import Store
from lineage.models import utc_timestamp
from tests.api.test_catalog_page_cost import NO_FILTER, total_db_hits

SMALL, LARGE = 2_000, 20_000
PROJECT = "BENCH-GATHERED"
STORY_PAGE = {**NO_FILTER, "projectCode": PROJECT, "type": "video", "status": "ready"}
GROWTH = 1.5  # flat, with room for the different assets a page holds at either size


async def project_of(store: Store, assets: int) -> None:
    """A graph of `assets` generated assets, all in one project."""
    await wipe(store)
    await generate(store, assets, seed=7)
    [row] = await store.read("bench/list_project_sizes")
    await store.write("bench/create_gathered_project", code=PROJECT, at=utc_timestamp())
    codes = [code for code, _ in row["projects"]]
    await auto_commit(store, "bench/gather_projects", codes=codes, code=PROJECT)
    await store.write("admin/prepare_for_replanning")


async def page_cost(store: Store, size: int) -> int:
    """db hits of the first page of `size` with every nested field the statement reads."""
    name = catalog.anchored_page(STORY_PAGE, page_plan.NESTED)
    params: dict[str, Any] = {
        **STORY_PAGE,
        **catalog.start_of(STORY_PAGE, None, None),
        "limit": size + 1,
        "shown": EVERY_PROPERTY,
    }
    async with store.driver.session(database=store.database) as session:
        result = await session.run("PROFILE " + load_text(name), params)
        [row] = [r async for r in result]
        summary = await result.consume()
    assert len(row["assets"]) == size + 1  # a full page at either size
    assert any(a["nested"]["frames"] for a in row["assets"])
    assert any(a["nested"]["previousVersion"] for a in row["assets"])
    return total_db_hits(summary.profile)


@pytest.mark.slow
async def test_db_hits_of_a_nested_page_are_flat_in_project_size(store: Store) -> None:
    await project_of(store, SMALL)
    small = {size: await page_cost(store, size) for size in (10, 100)}
    await project_of(store, LARGE)
    large = {size: await page_cost(store, size) for size in (10, 100)}
    print(
        "\ndb hits of a nested page {page size: (2k, 20k project)}:",
        {size: (small[size], large[size]) for size in small},
    )
    for size, cost in small.items():
        assert large[size] <= cost * GROWTH + 100, (size, small, large)
    assert large[100] <= large[10] * 10 * GROWTH, large  # linear in the page's size at most
