"""GraphiQL's saved tabs run on the demo data as they are and find what they promise."""

from __future__ import annotations

import re

from lineage.db.store import Store
from lineage.explorers.graphiql import example_queries
from tests.conftest import GraphQLClient
from tests.explorers.conftest import DEMO_VIDEO


def tab(operation: str) -> str:
    [query] = [q for q in example_queries() if re.search(rf"\bquery {operation}\b", q)]
    return query


async def test_the_tabs_are_the_example_then_search_lineage_and_orphans() -> None:
    names = [re.search(r"\bquery (\w+)", q).group(1) for q in example_queries()]  # type: ignore[union-attr]
    assert names == ["NewestAssets", "CatalogSearch", "DemoVideoLineage", "DemoProjectOrphans"]


async def test_the_example_lists_the_newest_assets(demo: Store, gql: GraphQLClient) -> None:
    data = await gql.data(tab("NewestAssets"))
    assert data["assets"]["totalCount"] == 25
    assert len(data["assets"]["edges"]) == 5


async def test_catalog_search_finds_the_fox(demo: Store, gql: GraphQLClient) -> None:
    data = await gql.data(tab("CatalogSearch"))
    names = {edge["node"]["name"] for edge in data["assets"]["edges"]}
    assert {"shot-001", "shot-005"} <= names
    assert data["prompts"]["totalCount"] > 0


async def test_the_demo_video_lineage_reaches_its_shots(demo: Store, gql: GraphQLClient) -> None:
    data = await gql.data(tab("DemoVideoLineage"))
    assert data["asset"]["slot"] == "001-002" and data["asset"]["version"] == 11
    nodes = data["lineage"]["nodes"]
    assert nodes[0] == {"id": DEMO_VIDEO, "kind": "ASSET", "distance": 0}
    edges = data["lineage"]["edges"]
    roles = {e["properties"].get("role") for e in edges if e["fromId"] == DEMO_VIDEO}
    assert roles == {"START", "END", None}  # its two frames and the attempt it regenerates


async def test_the_orphans_tab_explains_the_broken_assets(demo: Store, gql: GraphQLClient) -> None:
    data = await gql.data(tab("DemoProjectOrphans"))
    assert data["orphans"]["totalCount"] == 0
    nodes = [edge["node"] for edge in data["assets"]["edges"]]
    broken = {node["name"]: node["orphanStatus"] for node in nodes}
    assert set(broken) == {"shot-005", "004-009"}
    assert all(status["state"] == "BROKEN" for status in broken.values())
