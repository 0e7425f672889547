"""A slot's versions: two compared side by side with their parameter differences, a
revert confirmed only after its impact is shown, and no write button for a read key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lineage.app import create_app
from lineage.db.store import Store
from lineage.settings import Settings
from tests.browser.conftest import OfflinePage
from tests.conftest import GraphQLClient
from tests.live_server import LiveServer
from tests.web.conftest import DEMO_VIDEO, TIMEOUT_MS, nothing_went_wrong, open_view

CURRENT = """query($id: ID!) { asset(id: $id) { currentVersion { id version } } }"""
DEMO_VERSIONS = 11


async def test_two_versions_compare_and_a_revert_shows_its_impact_first(
    studio: LiveServer, offline: OfflinePage, gql: GraphQLClient
) -> None:
    page = await open_view(offline, f"{studio.url}/#/asset/{DEMO_VIDEO}/versions")
    rows = page.locator(".timeline tbody tr")
    assert await rows.count() == DEMO_VERSIONS
    revert = page.get_by_role("button", name="Revert to v9…")
    target = await page.locator("tr", has=revert).get_attribute("data-id")
    await page.get_by_label("compare v9 as A").check()
    await page.locator(".compare h2").get_by_text("Compare v9 (A) with v11 (B)").wait_for()
    assert f"a={target}" in page.url
    assert await page.locator(".side-by-side figure").count() == 2
    assert await page.locator(".side-by-side video").count() >= 1  # v9's file is missing
    differing = await page.locator(".param-diff tr.differs th").all_inner_texts()
    assert any(name.startswith("model") for name in differing), differing
    await offline.screenshot("studio-versions-compare")

    await revert.click()
    impact = page.locator(".impact")
    await impact.get_by_role("heading", name="Revert to v9?").wait_for(timeout=TIMEOUT_MS)
    assert "would be orphaned" in await impact.inner_text()
    before = await gql.data(CURRENT, id=DEMO_VIDEO)
    assert before["asset"]["currentVersion"]["version"] == 11, "nothing written before confirming"
    await offline.screenshot("studio-versions-impact")
    await impact.get_by_role("button", name="Confirm revert to v9").click()
    await page.get_by_role("status").get_by_text("Reverted v9.").wait_for(timeout=TIMEOUT_MS)
    after = await gql.data(CURRENT, id=DEMO_VIDEO)
    assert after["asset"]["currentVersion"]["id"] == target
    current_row = page.locator(".timeline tr.is-current")
    assert await current_row.get_attribute("data-id") == target
    nothing_went_wrong(offline)


@pytest.fixture
async def studio_elsewhere(
    demo: Store, demo_folder: Path, settings: Settings, web_assets: Path
) -> Iterator[LiveServer]:
    """The service as it runs on another machine: no development key to offer."""
    served = settings.model_copy(update={"assets_root": demo_folder})
    with LiveServer(create_app(served)) as server:
        yield server


async def test_a_read_key_asked_once_sees_no_write_buttons(
    studio_elsewhere: LiveServer, offline: OfflinePage, read_token: str
) -> None:
    page = offline.page
    await page.goto(studio_elsewhere.url + "/")
    await page.get_by_label("API key", exact=True).fill(read_token)
    await offline.screenshot("studio-key-form")
    await page.get_by_role("button", name="Open the studio").click()
    await page.locator("main[data-ready]").wait_for(timeout=TIMEOUT_MS)
    assert "read only" in await page.locator("#who").inner_text()
    await page.goto(f"{studio_elsewhere.url}/#/asset/{DEMO_VIDEO}/versions")
    await page.locator(".timeline").wait_for(timeout=TIMEOUT_MS)
    await page.reload()  # the key is kept for the tab: not asked again
    await page.locator(".timeline").wait_for(timeout=TIMEOUT_MS)
    assert await page.locator(".timeline tbody tr").count() == DEMO_VERSIONS
    assert await page.locator("button.write, .write").count() == 0
    assert await page.get_by_role("button", name="Revert").count() == 0
    await page.goto(f"{studio_elsewhere.url}/#/orphans")
    await page.locator("main[data-ready]").wait_for(timeout=TIMEOUT_MS)
    assert await page.locator(".write").count() == 0
    nothing_went_wrong(offline)
