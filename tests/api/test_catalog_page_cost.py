"""A catalog page's work does not grow with the catalog: Neo4j's own db-hit count
(`PROFILE`) of every filter shape's statement, on a catalog of 2,000 and of 20,000
assets with the same mix, first page and a page from the middle."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.assets import catalog
from lineage.db.cypher import load_text
from lineage.db.store import Store

SMALL, LARGE = 2_000, 20_000
PAGE = 50
GROWTH = 1.5  # a flat page may wobble a little (ties, index pages); 10x the data is not flat
SHAPES: dict[str, dict[str, Any]] = {
    "everything, newest first": {},
    "one type": {"type": "video"},
    "provider and model": {"provider": "kie", "model": "veo3"},
    "failed ones": {"status": "failed"},
    "current only": {"currentOnly": True},
    "orphaned": {"orphaned": True},
    "created since": {"createdFrom": "2026-01-01T00:00:10.000Z"},
    "created before, newest first": {"createdTo": "2026-01-01T00:00:10.000Z"},
    "a project": {"projectCode": "P-A"},
    "a project's videos by cost": {
        "projectCode": "P-A",
        "type": "video",
        "orderBy": "estimatedCost",
        "descending": True,
    },
    "by name": {"orderBy": "name", "descending": False},
    "a project by name, z to a": {"projectCode": "P-B", "orderBy": "name", "descending": True},
    "cheapest first": {"orderBy": "estimatedCost", "descending": False},
    "oldest first in a project": {"projectCode": "P-B", "descending": False},
}
NO_FILTER: dict[str, Any] = {
    "type": None,
    "provider": None,
    "model": None,
    "status": None,
    "projectCode": None,
    "slotKey": None,
    "search": None,
    "searchChain": True,
    "createdFrom": None,
    "createdTo": None,
    "currentOnly": False,
    "orphaned": None,
    "orderBy": "createdAt",
    "descending": True,
}


def rows(start: int, end: int) -> list[dict[str, Any]]:
    """Assets start..end-1 of a catalog whose mix is the same at any size."""
    made = []
    for i in range(start, end):
        props: dict[str, Any] = {
            "id": f"asset-{i:06d}",
            "type": ("image", "video", "audio")[i % 3],
            "provider": ("fal", "kie")[i % 2],
            "model": ("flux", "veo3")[i % 2],
            "status": "failed" if i % 10 == 0 else "ready",
            "createdAt": f"2026-01-01T00:{i // 6000:02d}:{i // 100 % 60:02d}.{i % 100:03d}Z",
            "projectCode": ("P-A", "P-B")[i % 2],
            "isCurrent": i % 2 == 0,
            "orphaned": i % 5 == 0,
            "slot": f"s-{i}",
            "slotKey": f"project:{('P-A', 'P-B')[i % 2]}/s-{i}",
            "version": 1,
        }
        if i % 7:
            props["estimatedCost"] = (i % 50) / 100
        if i % 11:
            props["name"] = f"asset {i % 997:04d}"
        made.append(props)
    return made


async def grow_to(store: Store, start: int, end: int) -> None:
    for first in range(start, end, 5_000):
        batch = rows(first, min(end, first + 5_000))
        nodes = [{"labels": ["Asset"], "properties": p} for p in batch]
        await store.write("admin/create_snapshot_nodes", nodes=nodes)


def total_db_hits(plan: Any) -> int:
    return int(plan.get("dbHits", 0)) + sum(total_db_hits(c) for c in plan.get("children", []))


async def page_cost(store: Store, filters: dict[str, Any], middle: bool) -> int:
    """db hits of the shape's first page, or of the page after the catalog's middle asset."""
    after: tuple[Any, str | None] = (None, None)
    if middle:
        [counted] = await store.read(catalog.counting(filters), **filters)
        start = catalog.start_of(filters, None, None)
        [row] = await store.read(
            catalog.anchored_page(filters), **filters, **start, limit=counted["total"] // 2
        )
        last = row["assets"][-1]
        after = (last["key"], last["asset"]["id"])
    params = {**filters, **catalog.start_of(filters, *after), "limit": PAGE + 1}
    async with store.driver.session(database=store.database) as session:
        result = await session.run("PROFILE " + load_text(catalog.anchored_page(filters)), params)
        found = [r async for r in result]
        summary = await result.consume()
    assert len(found[0]["assets"]) == PAGE + 1, filters  # a full page at either size
    return total_db_hits(summary.profile)


@pytest.mark.slow
async def test_db_hits_of_every_filter_shape_are_flat_in_catalog_size(store: Store) -> None:
    await grow_to(store, 0, SMALL)
    await store.write("admin/prepare_for_replanning")
    shapes = {name: {**NO_FILTER, **shape} for name, shape in SHAPES.items()}
    small = {(n, m): await page_cost(store, f, m) for n, f in shapes.items() for m in (False, True)}
    await grow_to(store, SMALL, LARGE)
    await store.write("admin/prepare_for_replanning")
    large = {(n, m): await page_cost(store, f, m) for n, f in shapes.items() for m in (False, True)}
    report = {k: (small[k], large[k]) for k in small}
    print("\ndb hits of a page (2k -> 20k assets):", report)
    grown = {k: v for k, v in report.items() if v[1] > v[0] * GROWTH + 100}
    assert grown == {}, grown
