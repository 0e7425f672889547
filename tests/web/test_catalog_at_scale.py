"""Sixty 4 MB photos in a big catalog, in Chromium: the first screen costs at most 3 API
requests and under 3 MB of images, and a page of 60 thumbnails (the first screen's 24 and,
scrolled, the next page's) transfers under 3 MB, every one loaded, as the browser itself
counts them (Performance API)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from lineage.app import create_app
from lineage.auth.dev import ensure_dev_key
from lineage.bench.generate import generate, wipe
from lineage.db.store import Store
from lineage.settings import Settings
from tests.api.helpers import record
from tests.browser.conftest import OfflinePage
from tests.conftest import GraphQLClient, bearer
from tests.files.encoded import noisy_jpeg, with_comment
from tests.live_server import LiveServer
from tests.web.conftest import TIMEOUT_MS, nothing_went_wrong, open_view

GENERATED = 100_000  # assets without files around the photos (`lineage bench`'s generator)
PHOTOS = 61  # newer than all of them: the first 60 cards are photos, and one more
PAGE = 60
FIRST_SCREEN = 24  # the catalog's first page; the next ones come as the grid scrolls
BUDGET = 3 * 1024 * 1024
WARM = "{ assets(first: 100) { edges { node { preview { url } } } } }"

# What the browser fetched so far, by its own count: /graphql requests, and each image
# (a thumbnail or its preload) with the bytes it took on the wire (body, as encoded).
FETCHED = """() => {
  const entries = performance.getEntriesByType('resource');
  return {
    api: entries.filter(e => new URL(e.name).pathname === '/graphql').length,
    images: entries.filter(e => new URL(e.name).pathname.startsWith('/files/'))
      .map(e => [e.name, e.encodedBodySize]),
  };
}"""
IMAGES_IN_VIEW = """() => [...document.querySelectorAll('.grid img')].filter(image => {
  const box = image.getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight;
}).map(image => image.complete && image.naturalWidth > 0)"""
SIXTY_CARDS = f"""() => [...document.querySelectorAll('.grid .card')].slice(0, {PAGE})
  .map(card => card.querySelector('img'))
  .map(img => img && [img.src, img.complete, img.naturalWidth, img.naturalHeight])"""


@pytest.fixture
async def big_catalog(
    store: Store, settings: Settings, tmp_path: Path
) -> AsyncIterator[LiveServer]:
    """`GENERATED` generated assets and `PHOTOS` recorded photos of over 4 MB each, with
    their files, served with a development key for this machine; previews made."""
    started = time.monotonic()
    await generate(store, GENERATED)
    print(f"{GENERATED:,} assets generated in {time.monotonic() - started:.0f} s")
    token, _ = await ensure_dev_key(store, tmp_path / "dev-api-key")
    served = settings.model_copy(update={"assets_root": tmp_path / "assets"})
    with LiveServer(create_app(served, dev_token=token)) as server:
        async with httpx.AsyncClient(
            base_url=server.url, headers=bearer(token), timeout=300
        ) as api:
            started = time.monotonic()
            await record_photos(api)
            assert (await api.post("/graphql", json={"query": WARM})).status_code == 200
            print(f"{PHOTOS} photos recorded, previews made in {time.monotonic() - started:.0f} s")
        yield server
    await wipe(store)  # in batches: the next test's one-statement wipe stays quick


async def record_photos(api: httpx.AsyncClient) -> None:
    """`PHOTOS` distinct JPEGs of over 4 MB, stored and recorded through the API, a few
    at a time."""
    photo = noisy_jpeg((2200, 1600))
    assert len(photo) > 4_000_000
    gql = GraphQLClient(api)
    at_once = asyncio.Semaphore(4)

    async def one(n: int) -> None:
        data = with_comment(photo, f"take {n}")  # other bytes, other file, other preview
        params = {"type": "image", "provider": "fal", "model": "m"}
        async with at_once:
            stored = await api.post("/files", params=params, content=data)
            assert stored.status_code in {200, 201}, stored.text
            fields = {"type": "IMAGE", "provider": "fal", "model": "m", "name": f"take {n}"}
            await record(gql, id=f"photo-{n}", fileRef=stored.json()["ref"], **fields)

    await asyncio.gather(*(one(n) for n in range(PHOTOS)))


def image_bytes(fetched: dict[str, Any], urls: set[str] | None = None) -> int:
    return sum(size for url, size in fetched["images"] if urls is None or url in urls)


async def test_sixty_4_mb_photos_cost_under_3_mb_in_the_browser(
    big_catalog: LiveServer, offline: OfflinePage
) -> None:
    page = await open_view(offline, big_catalog.url + "/")
    await page.wait_for_function(f"({IMAGES_IN_VIEW})().every(Boolean)", timeout=TIMEOUT_MS)
    first_screen = await page.evaluate(FETCHED)
    on_screen = await page.evaluate(IMAGES_IN_VIEW)
    await offline.screenshot("studio-catalog-photos")
    assert len(on_screen) >= 6, "the first screen shows photos"
    assert await page.locator(".grid .card").count() == FIRST_SCREEN
    assert first_screen["api"] <= 3, f"the first screen made {first_screen['api']} API requests"
    assert len(first_screen["images"]) >= len(on_screen)
    assert 0 < image_bytes(first_screen) < BUDGET, first_screen

    cards = page.locator(".grid .card")
    for index in range(0, PAGE, 6):  # scrolled through: the next page, every lazy thumbnail
        await cards.nth(index).scroll_into_view_if_needed()
    await cards.nth(PAGE - 1).scroll_into_view_if_needed()
    loaded = f"({SIXTY_CARDS})().every(img => img && img[1] && img[2] > 0)"
    await page.wait_for_function(loaded, timeout=TIMEOUT_MS)
    thumbnails = await page.evaluate(SIXTY_CARDS)
    urls = {src for src, *_ in thumbnails}
    assert len(urls) == PAGE, "sixty distinct photos, each with its thumbnail"
    assert all(max(width, height) <= 320 for _, _, width, height in thumbnails), "previews"
    whole_page = await page.evaluate(FETCHED)
    fetched_urls = {url for url, _ in whole_page["images"]}
    assert urls <= fetched_urls, "the browser counted every thumbnail it fetched"
    page_bytes = image_bytes(whole_page, urls)
    assert 60 * 1024 < page_bytes < BUDGET, page_bytes
    print(f"first screen: {first_screen['api']} API requests, {image_bytes(first_screen):,} B")
    print(f"60 thumbnails: {page_bytes:,} B for {PHOTOS} photos of over 4 MB")
    nothing_went_wrong(offline)
