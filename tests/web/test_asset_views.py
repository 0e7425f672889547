"""An asset's pages: a video's frames and prompt chain, its lineage graph, the video
marked stale in the open page when its start shot is regenerated through the API, and
a revision of an image's human prompt shown in its open prompt chain."""

from __future__ import annotations

from playwright.async_api import Page

from tests.api.helpers import image, prompt
from tests.browser.conftest import OfflinePage
from tests.conftest import GraphQLClient
from tests.live_server import LiveServer
from tests.web.conftest import (
    DEMO_VIDEO,
    START_SHOT,
    TIMEOUT_MS,
    nothing_went_wrong,
    open_view,
)

REGENERATE = """mutation($input: RecordGenerationInput!) {
  recordGeneration(input: $input) { asset { id version } orphanedIds } }"""
FIRST_TEXT = "สุนัขจิ้งจอกสีแดงนั่งริมป่าสน"
REVISED_TEXT = "สุนัขจิ้งจอกสีแดงยืนบนขอนไม้ในป่าสนยามเช้า"
DRAWN_NODES = "() => document.querySelectorAll('.graph-list li').length"
FRAMES_LOADED = "[...document.querySelectorAll('.frames img')].every(i => i.naturalWidth > 0)"


async def graph_is_drawn(page: Page) -> int:
    await page.locator(".graph-canvas canvas").first.wait_for(timeout=TIMEOUT_MS)
    await page.get_by_role("status").get_by_text("nodes").wait_for(timeout=TIMEOUT_MS)
    nodes: int = await page.evaluate(DRAWN_NODES)
    return nodes


async def test_a_video_shows_its_frames_prompts_and_lineage(
    studio: LiveServer, offline: OfflinePage, console_errors: list[str]
) -> None:
    page = await open_view(offline, f"{studio.url}/#/asset/{DEMO_VIDEO}")
    frames = page.locator(".frames .card")
    assert await frames.count() == 2
    assert "start frame" in await frames.nth(0).inner_text()
    assert "end frame" in await frames.nth(1).inner_text()
    await page.wait_for_function(FRAMES_LOADED, timeout=TIMEOUT_MS)
    chain = page.locator(".prompt-chain")
    assert "red fox" in await chain.inner_text()
    assert await page.locator("video.full").count() == 1
    await offline.screenshot("studio-detail")
    await page.get_by_role("link", name="Lineage graph").click()
    assert await graph_is_drawn(page) >= 5
    listed = await page.locator(".graph-list").text_content() or ""
    assert "image shot-001 v1" in listed and "video 001-002 v11" in listed
    await offline.screenshot("studio-graph")
    assert console_errors == []
    nothing_went_wrong(offline)


async def test_regenerating_the_start_shot_marks_the_open_video_stale(
    studio: LiveServer, offline: OfflinePage, gql: GraphQLClient
) -> None:
    page = await open_view(offline, f"{studio.url}/#/asset/{DEMO_VIDEO}")
    assert await page.locator(".orphan-panel").count() == 0
    redo = {"type": "IMAGE", "provider": "fal", "model": "Flux Pro v1.1"}
    recorded = await gql.data(REGENERATE, input={**redo, "regeneratesId": START_SHOT})
    assert DEMO_VIDEO in recorded["recordGeneration"]["orphanedIds"]

    panel = page.locator(".orphan-panel")
    await panel.get_by_text("This asset is stale").wait_for(timeout=TIMEOUT_MS)  # polled
    path = panel.locator(".path")
    assert await path.locator(f'a[href="#/asset/{START_SHOT}"]').count() == 1
    assert await path.locator(f'a[href="#/asset/{DEMO_VIDEO}"]').count() == 1
    await offline.screenshot("studio-detail-stale")

    await panel.get_by_role("link", name="show in graph").first.click()
    await graph_is_drawn(page)
    on_path = page.locator(".graph-list li.on-path")
    await on_path.first.wait_for(state="attached", timeout=TIMEOUT_MS)
    highlighted = await on_path.all_text_contents()
    assert any("shot-001 v1" in text for text in highlighted)
    assert any("001-002 v11" in text and "STALE" in text for text in highlighted)
    await offline.screenshot("studio-graph-stale")
    nothing_went_wrong(offline)


async def test_a_revision_of_an_images_human_prompt_shows_in_the_open_prompt_chain(
    studio: LiveServer, offline: OfflinePage, gql: GraphQLClient
) -> None:
    human = await prompt(gql, kind="HUMAN", role="image", text=FIRST_TEXT, projectCode="VSS-001")
    refined = {"kind": "MACHINE", "role": "image", "refinedByModel": "gpt-4o"}
    machine = await prompt(
        gql, text="A red fox by a pine forest", refinedFromId=human["id"], **refined
    )
    await image(gql, "fox-th", promptIds=[machine["id"]], projectCode="VSS-001")
    page = await open_view(offline, f"{studio.url}/#/asset/fox-th")
    assert FIRST_TEXT in await page.locator(".prompt-chain .prompt-human").inner_text()
    assert await page.locator(".prompt-chain .revisions").count() == 0

    await prompt(gql, kind="HUMAN", role="image", text=REVISED_TEXT, revisesId=human["id"])
    versions = page.locator(".prompt-chain .prompt-human .revisions")
    await versions.wait_for(timeout=TIMEOUT_MS)  # the open page polls
    assert "2 versions of this prompt (revised since)" in await versions.inner_text()
    assert await versions.locator(".revision-this blockquote").inner_text() == FIRST_TEXT
    assert await versions.locator(".revision-newer blockquote").inner_text() == REVISED_TEXT
    assert await page.locator(".prompt-machine .revisions").count() == 0  # never revised
    await versions.scroll_into_view_if_needed()
    await offline.screenshot("studio-detail-prompt-revisions")
    nothing_went_wrong(offline)
