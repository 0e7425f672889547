"""The catalog's first screen against a static page of the same thumbnails, in Chromium.

    LINEAGE_TEST_INSTANCE=... .venv/bin/python -m tests.web.bench_first_screen [--runs 9]
        [--warmup 5] [--assets 0 100000]

For each `--assets N` (by default the demo alone, then the demo beside 100,000
generated assets), loads the demo into the test suite's Neo4j (LINEAGE_TEST_* names
it; its data is wiped) with N assets of `lineage bench`'s generator beside it, serves
the app alone in its own process (`tests.web.studio_server`, as `lineage serve` does)
and opens, alternately and each in a fresh browser context (cold cache), the studio at
`/` and a static HTML page of `<img>` elements pointing at the very preview URLs the
catalog's first page shows, from the same server, after `--warmup` unmeasured loads of
each (the service warm, as one that has been up a while). Time to ready, read in the
page with the Performance API (`performance.now()`, from the navigation's start): when
every image on the screen has loaded and, for the studio, the grid says it is drawn.
Prints, for each catalog, each side's median and their ratio (the issue asks for at
most 2), what the studio's first screen fetched by then (API requests, image bytes;
the browser's own count) and the machine's load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import tempfile
from html import escape
from pathlib import Path

from playwright.async_api import Browser, async_playwright

from lineage.auth.dev import ensure_dev_key
from lineage.bench.generate import generate, wipe
from lineage.bench.server import ServerProcess
from lineage.db.driver import create_driver
from lineage.db.store import Store
from lineage.legacy.demo import import_demo_if_empty
from lineage.settings import Settings
from lineage.upgrades import migrate
from tests.neo4j_provider import test_neo4j

SERVER = "tests.web.studio_server"
SAMPLE = Path(__file__).resolve().parents[2] / "assets"
VIEWPORT = {"width": 1280, "height": 900}
FIRST_PAGE = """query { assets(first: 60) { edges { node {
  id preview(size: GRID) { url width height } } } } }"""
# The same stopwatch in both pages: ready once the screen's images have all loaded.
READY_WATCH = """(() => {
  const onScreen = (image) => {
    const box = image.getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight && box.width > 0;
  };
  const check = () => {
    if (window.__readyAt || !document.querySelector("main[data-ready]")) return;
    const shown = [...document.images].filter(onScreen);
    if (shown.every((image) => image.complete && image.naturalWidth > 0)) {
      window.__readyAt = performance.now();
      window.__imagesShown = shown.length;
    }
  };
  document.addEventListener("load", check, true);
  const all = { subtree: true, childList: true, attributes: true };
  new MutationObserver(check).observe(document, all);
})();"""


def static_page(previews: list[dict[str, int | str]]) -> str:
    """The thumbnails alone, laid out as the grid lays them out."""
    images = "".join(
        f'<li><img src="{escape(str(p["url"]))}" width="{p["width"]}" height="{p["height"]}" '
        'loading="lazy" alt=""></li>'
        for p in previews
    )
    style = (
        "ul{list-style:none;padding:0;display:grid;gap:12px;"
        "grid-template-columns:repeat(auto-fill,minmax(190px,1fr))}"
        "img{width:100%;height:auto;aspect-ratio:16/10;object-fit:cover}"
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><style>{style}</style></head>"
        f"<body><main data-ready><ul>{images}</ul></main></body></html>"
    )


async def wiped(settings: Settings) -> None:
    """The graph emptied in batches, so that the test suite's one-statement wipe that
    follows stays quick."""
    driver = create_driver(settings)
    try:
        await wipe(Store(driver, settings.neo4j_database))
    finally:
        await driver.close()


async def prepare(settings: Settings, assets: int) -> str:
    """The demo (and `assets` generated ones) in a wiped graph; the development key,
    also written to `settings.dev_key_file` for the server's process."""
    driver = create_driver(settings)
    store = Store(driver, settings.neo4j_database)
    try:
        await migrate(store)
        await wipe(store)  # in batches: a generated graph is too big for one transaction
        await import_demo_if_empty(settings, store)
        if assets:
            await generate(store, assets)
        token, _ = await ensure_dev_key(store, settings.dev_key_file)
        return token
    finally:
        await driver.close()


# What the page fetched by then, by the browser's own count: API requests, image bytes.
FETCHED = """() => {
  const entries = performance.getEntriesByType('resource');
  const path = (entry) => new URL(entry.name).pathname;
  return [entries.filter(e => path(e) === '/graphql').length,
    entries.filter(e => path(e).startsWith('/files/')).reduce((n, e) => n + e.encodedBodySize, 0)];
}"""


async def time_to_ready(
    browser: Browser, url: str, static_html: str | None
) -> tuple[float, int, list[int]]:
    context = await browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    try:
        page = await context.new_page()
        await page.add_init_script(READY_WATCH)
        if static_html is not None:
            await page.route(
                url, lambda route: route.fulfill(body=static_html, content_type="text/html")
            )
        await page.goto(url)
        ready: float | None = None
        while ready is None:  # the page's own clock decides; this only waits for it
            await asyncio.sleep(0.1)
            ready = await page.evaluate("window.__readyAt ?? null")
        shown: int = await page.evaluate("window.__imagesShown")
        return ready, shown, await page.evaluate(FETCHED)
    finally:
        await context.close()


async def first_page_previews(server: ServerProcess, token: str) -> list[dict[str, int | str]]:
    import httpx

    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        response = await client.post(
            "/graphql", json={"query": FIRST_PAGE}, headers={"Authorization": f"Bearer {token}"}
        )
    edges = response.json()["data"]["assets"]["edges"]
    return [edge["node"]["preview"] for edge in edges if edge["node"]["preview"]]


async def measure(settings: Settings, token: str, runs: int, warmup: int) -> dict[str, float | int]:
    with ServerProcess(settings, SERVER) as server:
        html = static_page(await first_page_previews(server, token))
        async with async_playwright() as playwright:
            chromium = shutil.which("chromium")
            browser = await playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox"]
            )
            studio, static, shown, fetched = [], [], 0, [0, 0]
            for _ in range(warmup):  # both pages unmeasured first: caches and plans warm
                await time_to_ready(browser, server.url + "/", None)
                await time_to_ready(browser, server.url + "/static-bench", html)
            for _ in range(runs):
                ready, shown, fetched = await time_to_ready(browser, server.url + "/", None)
                studio.append(ready)
                static.append((await time_to_ready(browser, server.url + "/static-bench", html))[0])
            await browser.close()
    studio_ms, static_ms = statistics.median(studio), statistics.median(static)
    return {
        "studio_ms": studio_ms,
        "static_ms": static_ms,
        "ratio": studio_ms / static_ms,
        "images": shown,
        "api_requests": fetched[0],
        "image_bytes": fetched[1],
    }


def load_average() -> str:
    return "/".join(f"{minutes:.1f}" for minutes in os.getloadavg())


def report(assets: int, runs: int, result: dict[str, float | int], load: str) -> str:
    catalog = f"demo + {assets:,} generated assets" if assets else "demo"
    return (
        f"{catalog}: studio first screen {result['studio_ms']:.0f} ms, static page of the same "
        f"{result['images']} thumbnails {result['static_ms']:.0f} ms (medians of {runs}); "
        f"ratio {result['ratio']:.2f}; the studio's first screen made {result['api_requests']} "
        f"API requests and fetched {result['image_bytes']:,} bytes of images; load average "
        f"(1/5/15 min) {load}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="measured loads of each page")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured loads of each first")
    parser.add_argument(
        "--assets",
        type=int,
        nargs="+",
        default=[0, 100_000],
        help="generated assets beside the demo, one measure each (0: the demo alone)",
    )
    options = parser.parse_args()
    lines = []
    with tempfile.TemporaryDirectory() as work, test_neo4j() as found:
        folder = Path(work) / "assets"
        shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("catalog"))
        key_file = Path(work) / "dev-api-key"
        settings = found.model_copy(update={"assets_root": folder, "dev_key_file": key_file})
        for assets in options.assets:
            token = asyncio.run(prepare(settings, assets))
            before = load_average()
            result = asyncio.run(measure(settings, token, options.runs, options.warmup))
            lines.append(report(assets, options.runs, result, f"{before} to {load_average()}"))
            print(lines[-1], flush=True)
        asyncio.run(wiped(settings))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
