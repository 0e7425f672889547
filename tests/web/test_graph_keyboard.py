"""The lineage graph driven by the keyboard alone, on the demo and on a graph of a few
hundred nodes built through the API (every node listed, wide fan-outs folded into
"+N more" nodes that open on demand, focus and expand still work)."""

from __future__ import annotations

import asyncio
import re

from playwright.async_api import Page

from tests.api.helpers import image, prompt, record
from tests.browser.conftest import OfflinePage
from tests.conftest import GraphQLClient
from tests.live_server import LiveServer
from tests.web.conftest import DEMO_VIDEO, TIMEOUT_MS, nothing_went_wrong, open_view

CANVAS_FOCUSED = "() => document.activeElement?.classList.contains('graph-canvas') ?? false"
LAYOUT_MS = """() => performance.getEntriesByName('lineage-graph-layout').map(e => e.duration)"""
READY_MS = "() => performance.now()"
DRAWN = "() => /^\\d+ nodes/.test(document.querySelector('p.count').textContent)"
STATUS_SAYS = "(text) => document.querySelector('p.count').textContent.includes(text)"
COUNTS = re.compile(r"^(\d+) nodes, (\d+) edges")
LINEAGE = """query($id: ID!, $depth: Int!) { lineage(id: $id, depth: $depth, direction: BOTH) {
  nodes { id } edges { fromId } } }"""
BRANCHES = 18  # images built from the root, each the source of as many videos: 343 assets
FAN_OUT = 10  # neighbours drawn on one side of a node before the rest fold (graph-fold.js)
FOLDED = re.compile(r"; (\d+) drawn, the others behind (\d+) “\+N more” nodes")


async def tab_to_the_graph(page: Page) -> None:
    for _ in range(40):
        await page.keyboard.press("Tab")
        if await page.evaluate(CANVAS_FOCUSED):
            return
    raise AssertionError("Tab never reached the graph's canvas")


async def counts(page: Page) -> tuple[int, int]:
    """The nodes and edges the status line says are drawn."""
    text = await page.locator("p.count").inner_text()
    found = COUNTS.match(text)
    assert found, text
    return int(found[1]), int(found[2])


async def drawn(page: Page) -> tuple[int, int]:
    """The nodes the status line says are drawn, and the "+N more" nodes standing for
    the rest; checked against the list of every node, which marks the folded ones."""
    found = FOLDED.search(await page.locator("p.count").inner_text())
    if found:
        shown, folds = int(found[1]), int(found[2])
    else:
        shown, folds = (await counts(page))[0], 0
    listed = await page.locator(".graph-list li").count()
    assert listed - await page.locator(".graph-list li", has_text="(folded)").count() == shown
    return shown, folds


async def expand(page: Page) -> None:
    """Press E (expand the selected node) and wait until the status counts nodes again."""
    await page.keyboard.press("e")
    await page.wait_for_function(DRAWN, timeout=TIMEOUT_MS)


async def said(page: Page) -> str:
    return await page.locator(".graph-selection").inner_text()


async def press(page: Page, key: str) -> str:
    """Press `key` and return what the live region then says."""
    await page.keyboard.press(key)
    return await said(page)


async def test_the_graph_is_walked_focused_expanded_and_opened_from_the_keyboard(
    studio: LiveServer, offline: OfflinePage
) -> None:
    page = await open_view(offline, f"{studio.url}/#/graph/{DEMO_VIDEO}?depth=1")
    await page.locator(".graph-canvas canvas").first.wait_for(timeout=TIMEOUT_MS)
    assert await page.locator(".graph-canvas").get_attribute("aria-describedby") == "graph-help"
    await tab_to_the_graph(page)
    assert (await said(page)).startswith("Selected video 001-002 v11 (current)")

    upstream = await press(page, "ArrowLeft")
    assert upstream.startswith("Selected image "), upstream
    await offline.screenshot("studio-graph-keyboard")
    await page.keyboard.press("Enter")  # focus: the panel shows the selected node
    title = await page.locator(".graph-panel h2").inner_text()
    assert title[:40] in upstream

    before, _ = await counts(page)
    await expand(page)
    after, _ = await counts(page)
    assert after > before
    assert await page.evaluate(CANVAS_FOCUSED)  # the keyboard stays on the graph

    assert (await press(page, "Home")).startswith("Selected video 001-002 v11")
    assert "Nothing further" in await press(page, "ArrowRight")  # nothing built from it here
    await press(page, "ArrowLeft")
    await page.keyboard.press("o")
    await page.wait_for_function("location.hash.startsWith('#/asset/asset_')")
    await page.locator("article.detail").wait_for(timeout=TIMEOUT_MS)
    nothing_went_wrong(offline)


async def branching_lineage(gql: GraphQLClient) -> str:
    """An image from a prompt and a source image, BRANCHES images built from it, and
    BRANCHES videos starting from each of those; the root image's id."""
    seed = await prompt(gql, kind="HUMAN", text="ป่าสนยามเช้า", role="image")
    await image(gql, "big-source")
    await image(gql, "big-root", promptIds=[seed["id"]], sourceAssetIds=["big-source"])
    limit = asyncio.Semaphore(4)

    async def one(make: str, **fields: object) -> None:
        async with limit:
            await record(gql, id=make, provider="fal", model="m", slot=make, **fields)

    branches = [f"big-{b}" for b in range(BRANCHES)]
    await asyncio.gather(*(one(b, type="IMAGE", sourceAssetIds=["big-root"]) for b in branches))
    videos = [(f"{b}-video-{v}", b) for b in branches for v in range(BRANCHES)]
    await asyncio.gather(
        *(one(v, type="VIDEO", frames=[{"assetId": b, "role": "START"}]) for v, b in videos)
    )
    return "big-root"


async def test_a_graph_of_a_few_hundred_nodes_folds_its_fan_outs_and_still_works(
    studio: LiveServer, offline: OfflinePage, gql: GraphQLClient
) -> None:
    root = await branching_lineage(gql)
    answer = (await gql.data(LINEAGE, id=root, depth=2))["lineage"]
    api_nodes, api_edges = len(answer["nodes"]), len(answer["edges"])
    assert api_nodes == 3 + BRANCHES + BRANCHES * BRANCHES  # prompt, source, root and the rest

    page = await open_view(offline, f"{studio.url}/#/graph/{root}?depth=2")
    ready_ms = await page.evaluate(READY_MS)
    assert await counts(page) == (api_nodes, api_edges)
    assert "shown around its root" in await page.locator("p.count").inner_text()
    assert await page.locator(".graph-list li").count() == api_nodes
    # the root's images and each image's videos beyond FAN_OUT wait behind "+N more"
    assert await drawn(page) == (3 + FAN_OUT + FAN_OUT * FAN_OUT, 1 + FAN_OUT)
    layouts = await page.evaluate(LAYOUT_MS)
    assert len(layouts) == 1
    measured = f"layout {layouts[0]:.0f} ms, ready {ready_ms:.0f} ms after navigation"
    print(f"\n{api_nodes} nodes, {api_edges} edges: {measured}")
    await offline.screenshot("studio-graph-large")

    await tab_to_the_graph(page)
    assert (await said(page)).startswith("Selected image big-root v1 (current): 2 upstream, 18")
    folded_images = BRANCHES - FAN_OUT
    more = f"Selected {folded_images} more built from image big-root v1: Enter draws them."
    await press(page, "ArrowRight")
    for _ in range(2 * FAN_OUT):
        if await said(page) == more:
            break
        await press(page, "ArrowDown")
    assert await said(page) == more
    await page.keyboard.press("Enter")
    unfolded = 3 + BRANCHES + BRANCHES * FAN_OUT
    await page.wait_for_function(STATUS_SAYS, arg=f"; {unfolded} drawn", timeout=TIMEOUT_MS)
    assert await drawn(page) == (unfolded, BRANCHES)
    assert await counts(page) == (api_nodes, api_edges)

    await press(page, "Home")
    branch = await press(page, "ArrowRight")
    assert re.match(r"Selected image big-\d+ v1 \(current\): 1 upstream, 18 downstream", branch)
    video = await press(page, "ArrowRight")
    assert video.startswith("Selected video big-"), video
    below = await press(page, "ArrowDown")
    assert below.startswith("Selected video big-") and below != video
    await page.keyboard.press("Enter")
    title = await page.locator(".graph-panel h2").inner_text()
    assert title in below
    await expand(page)
    assert await counts(page) == (api_nodes, api_edges)  # nothing beyond depth 2 here
    assert await drawn(page) == (unfolded, BRANCHES)  # a video's expansion folds nothing
    await page.keyboard.press("0")
    await offline.screenshot("studio-graph-large-keyboard")
    nothing_went_wrong(offline)
