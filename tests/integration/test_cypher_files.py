"""Every Cypher file parses and plans on the real Neo4j; read queries only read."""

from __future__ import annotations

import pytest
from neo4j import AsyncDriver

from lineage.assets import catalog, page_plan
from lineage.assets.repository import (
    CHANGED_IDS,
    CHECK_GENERATION,
    CREATE_ATTEMPT,
    REFRESH_CURRENT,
    SET_STATUS,
)
from lineage.db import cypher
from lineage.orphans.repository import CLAIM, STORE_REFRESH, claiming

READ_VERBS = (
    "find",
    "list",
    "get",
    "count",
    "search",
    "ping",
    "upstream",
    "downstream",
    "lineage",
    "versions",
    "summarize",
    "explain",
    "impact",
    "compute",
)
FOLDERS = sorted(p.name for p in cypher.cypher_root().iterdir() if p.is_dir())
ALL_QUERIES = [name for folder in FOLDERS for name in cypher.names(folder)]
# Schema commands and index waits cannot be EXPLAINed; the migration tests run them.
PLANNED = [n for n in ALL_QUERIES if not n.startswith("schema/") and "await_indexes" not in n]


def catalog_shapes() -> list[dict[str, object]]:
    """Filters of every anchor: each scope, order and direction."""
    return [
        {
            "projectCode": "P" if in_project else None,
            "type": "IMAGE",  # a filter: counted by a scan (no filter reads the count store)
            "orderBy": order,
            "descending": desc,
        }
        for in_project, order, desc in catalog.ANCHORS
    ]


def is_read(name: str) -> bool:
    return name.rsplit("/", 1)[-1].startswith(READ_VERBS)


@pytest.mark.parametrize("name", PLANNED)
async def test_query_plans(driver: AsyncDriver, name: str) -> None:
    async with driver.session() as session:
        result = await session.run("EXPLAIN " + cypher.load_text(name))
        summary = await result.consume()
    if is_read(name):
        assert summary.query_type == "r", (
            f"{name} is named as a read but plans as {summary.query_type}"
        )


def test_every_query_has_a_header_comment() -> None:
    for name in ALL_QUERIES:
        text = (cypher.cypher_root() / f"{name}.cypher").read_text()
        assert text.lstrip().startswith("//"), f"{name}.cypher needs a header comment"


COMPOSED = sorted(
    {
        *(catalog.anchored_page(s) for s in catalog_shapes()),
        *(catalog.tail_page(s) for s in catalog_shapes()),
        *(catalog.counting(s) for s in catalog_shapes()),
        *(catalog.anchored_page(s, page_plan.NESTED) for s in catalog_shapes()),
        *(catalog.tail_page(s, page_plan.NESTED) for s in catalog_shapes()),
    }
)


@pytest.mark.parametrize("name", COMPOSED)
async def test_every_composed_catalog_statement_plans_as_a_read(
    driver: AsyncDriver, name: str
) -> None:
    async with driver.session() as session:
        result = await session.run("EXPLAIN " + cypher.load_text(name))
        assert (await result.consume()).query_type == "r", name


def test_every_catalog_fragment_is_used() -> None:
    fragments = {
        str(p.relative_to(cypher.cypher_root()).with_suffix(""))
        for folder in ("catalog", "page")
        for p in (cypher.cypher_root() / "assets" / folder).glob("*.cypher")
    }
    used = {part for name in COMPOSED for part in name.split(cypher.JOINED)}
    assert fragments == used


CHANGES = sorted(
    {
        cypher.composed(CHECK_GENERATION, CREATE_ATTEMPT, REFRESH_CURRENT, CHANGED_IDS.name),
        cypher.composed(CHECK_GENERATION, CREATE_ATTEMPT, REFRESH_CURRENT, claiming("-").name),
        cypher.composed(SET_STATUS, REFRESH_CURRENT, claiming("-").name),
        CLAIM,
        STORE_REFRESH,
    }
)


@pytest.mark.parametrize("name", CHANGES)
async def test_every_composed_change_plans(driver: AsyncDriver, name: str) -> None:
    async with driver.session() as session:
        result = await session.run("EXPLAIN " + cypher.load_text(name))
        assert (await result.consume()).query_type in {"w", "rw"}, name


def test_every_change_fragment_is_used() -> None:
    root = cypher.cypher_root()
    fragments = {
        str(p.relative_to(root).with_suffix(""))
        for folder in ("assets/changes", "orphans/refresh")
        for p in (root / folder).glob("*.cypher")
    }
    used = {part for name in CHANGES for part in name.split(cypher.JOINED)}
    assert fragments == used
