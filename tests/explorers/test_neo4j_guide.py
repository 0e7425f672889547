"""Neo4j Browser's guide and style: the guide's saved queries (cypher/browser/) find
what its slides promise on the demo data, with the parameters its first slide sets, and
both files are served, cross-origin and without a key, for the Browser to fetch."""

from __future__ import annotations

import re

import httpx

from lineage.db.store import Store
from lineage.explorers.neo4j_guide import guide
from lineage.localdb.browser import GUIDE_PATH, STYLE_PATH, post_connect_command
from tests.explorers.conftest import DEMO_VIDEO
from tests.live_server import LiveServer

SHOT_005 = "asset_img_1767174078530_06d0fb8c3b8d"  # its file is missing: broken


def guide_parameters() -> dict[str, str]:
    """The `:param {...}` the guide's first slide runs."""
    [block] = re.findall(r":param \{(.*?)\}", guide(), re.S)
    return dict(re.findall(r"(\w+): '([^']*)'", block))


def test_the_guide_sets_the_demo_parameters_and_holds_every_saved_query() -> None:
    assert guide_parameters() == {"slot": "001-002", "videoId": DEMO_VIDEO, "rootCause": SHOT_005}
    for name in ("list_slot_versions", "find_video_sources", "explain_regeneration_orphans"):
        assert f"cypher/browser/{name}.cypher" not in guide()  # the text, not a reference
    assert guide().count('<pre class="code runnable">') == 5
    assert "MATCH (a:Asset {slot: $slot})" in guide()


async def test_the_saved_queries_find_what_the_slides_promise(demo: Store) -> None:
    params = guide_parameters()
    versions = await demo.read("browser/list_slot_versions", slot=params["slot"])
    assert [row["a"]["version"] for row in versions] == list(range(11, 0, -1))
    sources = await demo.read("browser/find_video_sources", videoId=params["videoId"])
    paths = [row["built"] for row in sources]
    frames = {(p.relationships[0]["role"], p.end_node["slot"]) for p in paths}
    assert {("start", "shot-001"), ("end", "shot-002")} <= frames
    why = await demo.read("browser/explain_regeneration_orphans", rootCause=params["rootCause"])
    assert [[n["id"] for n in row["why"].nodes] for row in why] == [[SHOT_005]]
    costs = await demo.read("browser/summarize_project_costs")
    assert {row["type"]: row["attempts"] for row in costs}["video"] == 15


async def test_style_and_guide_are_served_cross_origin_without_a_key(
    live_server: LiveServer,
) -> None:
    async with httpx.AsyncClient(base_url=live_server.url) as anonymous:
        style = await anonymous.get(STYLE_PATH)
        assert style.status_code == 200 and "node.Asset" in style.text
        assert style.headers["access-control-allow-origin"] == "*"
        preflight = await anonymous.options(
            GUIDE_PATH,
            headers={"Origin": "http://localhost:7474", "Access-Control-Request-Method": "GET"},
        )
        assert preflight.status_code == 200
        assert "pragma" in preflight.headers["access-control-allow-headers"]
        assert (await anonymous.get(GUIDE_PATH)).text == guide()


def test_the_post_connect_command_applies_the_style_then_plays_the_guide() -> None:
    assert post_connect_command("http://127.0.0.1:8000") == (
        "style http://127.0.0.1:8000/neo4j-browser/style.grass; "
        "play http://127.0.0.1:8000/neo4j-browser/guide.html"
    )
