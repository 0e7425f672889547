"""The catalog at `/`: the demo's assets with their previews loaded, a first screen of no
API request (its answers come with the page) and under 3 MB of images, filters in the
URL, search in Thai."""

from __future__ import annotations

from playwright.async_api import Page, Request, Response

from tests.browser.conftest import OfflinePage
from tests.live_server import LiveServer
from tests.web.conftest import TIMEOUT_MS, nothing_went_wrong, open_view

DEMO_ASSETS = 25
FIRST_SCREEN = 24  # the catalog's first page: the cards a wide screen shows
DEMO_VIDEOS = 15
THAI_WORD = "ช้าง"  # "elephant": two demo songs carry it in their title
FIRST_SCREEN_IMAGE_BYTES = 3 * 1024 * 1024

IMAGES_IN_VIEW = """() => [...document.querySelectorAll('.grid img')].filter(image => {
  const box = image.getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight;
}).map(image => image.complete && image.naturalWidth > 0)"""


# The studio's own files the page fetched before its catalog was drawn (images aside).
FILES_BEFORE_DRAWN = """() => {
  const drawn = performance.getEntriesByName('catalog:page-drawn')[0].startTime;
  return performance.getEntriesByType('resource')
    .filter(entry => entry.startTime < drawn)
    .map(entry => new URL(entry.name).pathname)
    .filter(path => path.startsWith('/web/'));
}"""
WAVEFORM_SHAPES = """() => [...document.querySelectorAll('.grid svg.waveform')]
  .map(svg => svg.querySelectorAll('*').length)"""


def api_requests(page: Page, url: str) -> list[str]:
    """The API requests `page` makes from now on, to the service at `url`."""
    seen: list[str] = []

    def on_request(request: Request) -> None:
        if request.url.startswith(url + "/graphql"):
            seen.append(request.url)

    page.on("request", on_request)
    return seen


async def card_types(page: Page) -> list[str]:
    return await page.locator(".grid .card").evaluate_all("cards => cards.map(c => c.dataset.type)")


async def test_the_first_screen_shows_the_demo_with_previews(
    studio: LiveServer, offline: OfflinePage, console_errors: list[str]
) -> None:
    api = api_requests(offline.page, studio.url)
    image_bytes: list[int] = []

    async def on_response(response: Response) -> None:
        if response.request.resource_type == "image":
            image_bytes.append(len(await response.body()))

    offline.page.on("response", on_response)
    page = await open_view(offline, studio.url + "/")
    await page.get_by_role("status").get_by_text(f"{DEMO_ASSETS} assets").wait_for()
    assert await page.locator(".grid .card").count() == FIRST_SCREEN
    await page.wait_for_function(f"({IMAGES_IN_VIEW})().every(Boolean)", timeout=TIMEOUT_MS)
    in_view = await page.evaluate(IMAGES_IN_VIEW)
    assert len(in_view) >= 2, "the first screen shows the demo's images"
    await page.wait_for_load_state("networkidle")
    await offline.screenshot("studio-catalog")
    # on this machine the page comes with the answers to its first two requests (the very
    # documents catalog.js and app.js send): none is asked again
    assert api == [], f"the first screen made {len(api)} API requests"
    assert 0 < sum(image_bytes) < FIRST_SCREEN_IMAGE_BYTES
    # its style sheet is in the page, its modules joined in one file: one file before drawn
    assert await page.evaluate(FILES_BEFORE_DRAWN) == ["/web/first-screen.js"]
    # the demo's songs and narration: each waveform one path, not an element per bar
    assert await page.evaluate(WAVEFORM_SHAPES) == [1, 1, 1, 1, 1]
    assert console_errors == []
    nothing_went_wrong(offline)


async def test_the_rest_of_the_catalog_comes_when_scrolled(
    studio: LiveServer, offline: OfflinePage, console_errors: list[str]
) -> None:
    api = api_requests(offline.page, studio.url)
    page = await open_view(offline, studio.url + "/")
    await page.wait_for_load_state("networkidle")
    assert await page.locator(".grid .card").count() == FIRST_SCREEN
    assert api == [], "no next page before the grid is scrolled"
    await page.locator(".grid .card").nth(FIRST_SCREEN - 1).scroll_into_view_if_needed()
    await page.locator(".grid .card").nth(DEMO_ASSETS - 1).wait_for(timeout=TIMEOUT_MS)
    assert await page.locator(".grid .card").count() == DEMO_ASSETS
    assert len(api) == 1, "the rest in one request"
    assert await page.locator("button.more").is_hidden(), "nothing more to load"
    assert console_errors == []
    nothing_went_wrong(offline)


async def test_a_screen_taller_than_the_first_page_gets_the_rest_at_once(
    studio: LiveServer, offline: OfflinePage
) -> None:
    await offline.page.set_viewport_size({"width": 1280, "height": 2400})
    api = api_requests(offline.page, studio.url)
    page = await open_view(offline, studio.url + "/")
    await page.locator(".grid .card").nth(DEMO_ASSETS - 1).wait_for(timeout=TIMEOUT_MS)
    assert await page.evaluate("scrollY") == 0, "not scrolled"
    assert len(api) == 1, "the rest in one request"
    nothing_went_wrong(offline)


async def test_filters_live_in_the_url_and_back_undoes_them(
    studio: LiveServer, offline: OfflinePage
) -> None:
    page = await open_view(offline, studio.url + "/")
    await page.get_by_label("Type").select_option("VIDEO")
    await page.get_by_role("status").get_by_text(f"{DEMO_VIDEOS} assets").wait_for()
    assert "type=VIDEO" in page.url
    assert set(await card_types(page)) == {"VIDEO"}
    await page.go_back()
    await page.get_by_role("status").get_by_text(f"{DEMO_ASSETS} assets").wait_for()
    assert len(set(await card_types(page))) > 1
    await page.goto(studio.url + "/#/?type=VIDEO&status=FAILED")
    await page.get_by_role("status").get_by_text("assets").wait_for()
    assert await page.get_by_label("Status").input_value() == "FAILED"
    badges = await page.locator(".grid .card .badge-failed").count()
    assert badges == await page.locator(".grid .card").count() > 0
    nothing_went_wrong(offline)


async def test_a_thai_word_finds_the_songs_that_carry_it(
    studio: LiveServer, offline: OfflinePage
) -> None:
    page = await open_view(offline, studio.url + "/")
    search = page.get_by_label("Prompt search")
    await search.fill(THAI_WORD)
    await search.press("Enter")
    await page.get_by_role("status").get_by_text("2 assets").wait_for(timeout=TIMEOUT_MS)
    titles = await page.locator(".grid .card-title").all_inner_texts()
    assert len(titles) == 2 and all(THAI_WORD in title for title in titles)
    assert set(await card_types(page)) == {"MUSIC"}
    await offline.screenshot("studio-catalog-thai-search")
    await page.set_viewport_size({"width": 390, "height": 844})
    await page.reload()
    await page.get_by_role("status").get_by_text("2 assets").wait_for(timeout=TIMEOUT_MS)
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "nothing overflows a 390 px wide screen"
    await offline.screenshot("studio-catalog-390px")
    nothing_went_wrong(offline)


UNLABELLED = """() => [...document.querySelectorAll('input, select, button, a[href]')]
  .filter(c => !(c.labels?.length || c.getAttribute('aria-label') || c.textContent.trim()))
  .map(c => c.outerHTML.slice(0, 80))"""


async def test_every_control_is_labelled_and_a_card_opens_from_the_keyboard(
    studio: LiveServer, offline: OfflinePage
) -> None:
    page = await open_view(offline, studio.url + "/")
    assert await page.evaluate(UNLABELLED) == []
    await page.locator(".card-link").first.focus()
    await page.keyboard.press("Enter")
    await page.locator("article.detail").wait_for(timeout=TIMEOUT_MS)
    assert "#/asset/" in page.url
    assert await page.evaluate(UNLABELLED) == []
    await page.get_by_role("link", name="Versions").focus()
    await page.keyboard.press("Enter")
    await page.locator(".timeline").wait_for(timeout=TIMEOUT_MS)
    assert await page.evaluate(UNLABELLED) == []
    nothing_went_wrong(offline)
