"""A project's orphans grouped by root cause, pinned and unpinned from the page, and its
costs as bars."""

from __future__ import annotations

from tests.browser.conftest import OfflinePage
from tests.conftest import GraphQLClient
from tests.live_server import LiveServer
from tests.orphans.test_orphans_api import regenerate, status, story
from tests.web.conftest import TIMEOUT_MS, nothing_went_wrong, open_view


async def test_orphans_grouped_by_root_cause_pinned_and_unpinned(
    studio: LiveServer, offline: OfflinePage, gql: GraphQLClient
) -> None:
    await story(gql)  # shot-001, shot-002 -> vid-001-002 -> thumb-1, story-1 in VSS-001
    await regenerate(gql, "shot-001", "shot-001-v2")
    page = await open_view(offline, f"{studio.url}/#/orphans?project=VSS-001")
    group = page.locator(".orphan-group")
    assert await group.count() == 1
    heading = await group.locator("h2").inner_text()
    assert "image shot-001 v1" in heading and "3 orphan(s)" in heading
    assert await group.locator(".orphan-item").count() == 3
    await offline.screenshot("studio-orphans")

    video = group.locator(".orphan-item", has=page.locator('a[href="#/asset/vid-001-002"]'))
    await video.get_by_role("button", name="Pin the input (accept it)").click()
    # story-1 stays stale (it uses shot-001 itself); thumb-1 inherited it through the video
    await page.get_by_text("1 orphaned asset(s)").wait_for(timeout=TIMEOUT_MS)
    assert (await status(gql, "vid-001-002"))["pinnedInputs"] == ["shot-001"]

    page = await open_view(offline, f"{studio.url}/#/asset/vid-001-002")
    await page.locator(".pinned").get_by_role("button", name="Unpin").click()
    await (
        page.locator(".orphan-panel")
        .get_by_text("This asset is stale")
        .wait_for(timeout=TIMEOUT_MS)
    )
    assert (await status(gql, "vid-001-002"))["pinnedInputs"] == []
    nothing_went_wrong(offline)


async def test_costs_by_provider_and_by_type_as_bars(
    studio: LiveServer, offline: OfflinePage, gql: GraphQLClient
) -> None:
    await story(gql)
    page = await open_view(offline, f"{studio.url}/#/costs?project=VSS-001")
    rows = page.locator(".bars tbody tr")
    assert await rows.count() >= 1
    assert "Total: $" in await page.locator(".count").inner_text()
    widths = await page.locator(".bars .bar").evaluate_all("bars => bars.map(b => b.clientWidth)")
    assert max(widths) > 100
    await page.get_by_role("link", name="by type").click()
    await page.locator(".bars th", has_text="IMAGE").wait_for(timeout=TIMEOUT_MS)
    assert await page.locator(".bars th", has_text="VIDEO").count() == 1
    await offline.screenshot("studio-costs")
    nothing_went_wrong(offline)
