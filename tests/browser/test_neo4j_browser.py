"""Neo4j Browser opens ready: on connect, the local server's `browser.post_connect_cmd`
applies the API's graph style and opens its guide of saved lineage queries; with the
network cut off but for 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from lineage.app import create_app
from lineage.db.store import Store
from lineage.localdb.server import LocalNeo4j
from lineage.settings import Settings
from tests.browser.conftest import OfflinePage
from tests.live_server import LiveServer

TIMEOUT_MS = 60_000
ASSET_BLUE = "#4C8EDA"  # node.Asset in src/lineage/explorers/neo4j_browser/style.grass
# What Neo4j Browser's own page always asks for (a font sheet, and the scripts of its
# analytics and feedback vendors), which no setting turns off; usage data itself
# (api.segment.io) is never sent, as client.allow_telemetry=false says. When those
# requests fail (here they are blocked) its error reporter may tell Sentry so.
VIDEO_AND_ITS_INPUTS = (
    "MATCH p = (:Asset {slot: '001-002', isCurrent: true})-[:USES_FRAME|REGENERATES]->() RETURN p"
)
BROWSER_PAGE_ASSETS = {"fonts.googleapis.com", "cdn.segment.com", "canny.io"}


@pytest.fixture
def neo4j_browser_url(settings: Settings) -> str:
    """The local Neo4j's Browser, its connect URL filled in (this suite's own server)."""
    status = LocalNeo4j(settings).status()
    if not status.running:
        pytest.skip("Neo4j Browser is tested on the project's own local Neo4j only")
    return status.browser_url


@pytest.fixture
def api_on_configured_port(demo: Store, settings: Settings) -> Iterator[LiveServer]:
    """The API where the Neo4j instance's post_connect_cmd looks for the style and guide."""
    with LiveServer(create_app(settings), port=settings.port) as server:
        yield server


async def test_neo4j_browser_connects_styled_with_the_guide_open(
    neo4j_browser_url: str,
    api_on_configured_port: LiveServer,
    settings: Settings,
    offline: OfflinePage,
) -> None:
    page = offline.page
    await page.goto(neo4j_browser_url)
    await page.locator("[data-testid='password']").fill(settings.neo4j_password)
    await page.locator("[data-testid='connect']").click()
    guide = page.get_by_text("Lineage: the studio's assets as a graph")
    await guide.wait_for(timeout=TIMEOUT_MS)
    await page.get_by_text("node.Asset").first.wait_for(timeout=TIMEOUT_MS)  # the :style frame

    editor = page.locator("[data-testid='activeEditor']")
    await editor.click()
    await page.keyboard.type(VIDEO_AND_ITS_INPUTS)
    await page.keyboard.press("Enter")
    current = page.locator("svg .node", has_text=re.compile(r"001-002\s*v11\s*ready"))
    await current.first.wait_for(timeout=TIMEOUT_MS)
    await page.locator("svg .relationship", has_text="frame start").first.wait_for()
    fill = await current.first.locator("circle.b-outline").get_attribute("fill")
    await offline.screenshot("neo4j-browser")
    assert fill is not None and fill.upper() == ASSET_BLUE
    hosts = {urlsplit(url).hostname for url in offline.blocked}
    hosts = {h for h in hosts if not (h or "").endswith(".ingest.sentry.io")}
    assert hosts <= BROWSER_PAGE_ASSETS, f"requests to other hosts: {offline.blocked}"
