"""The studio's pages in Debian's Chromium, on the demo data, served as `lineage serve` does.

The browser fixtures are the browser tests' (offline but for 127.0.0.1); screenshots go
to the same `test-artifacts/browser/` folder, named `studio-*`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import Page

from lineage.app import create_app
from lineage.auth.dev import ensure_dev_key
from lineage.auth.models import Scope
from lineage.auth.service import KeyService
from lineage.db.store import Store
from lineage.settings import Settings
from tests.browser import conftest as browser_tests
from tests.browser.conftest import OfflinePage
from tests.live_server import LiveServer

# the browser tests' fixtures: Chromium, an offline page, the demo data, the pinned web files
chromium = browser_tests.chromium
browser = browser_tests.browser
offline = browser_tests.offline
demo = browser_tests.demo
demo_folder = browser_tests.demo_folder
web_assets = browser_tests.web_assets

TIMEOUT_MS = 120_000  # a loaded 2-core machine can take a while to render
DEMO_VIDEO = "asset_vid_1767098871389_f0c26a2f3650"  # slot 001-002, v11, current
START_SHOT = "asset_img_1767097049417_ba8c6d3ef98b"  # its start frame: shot-001 v1


@pytest.fixture
async def studio(
    demo: Store, demo_folder: Path, settings: Settings, web_assets: Path, tmp_path: Path
) -> Iterator[LiveServer]:
    """The service over the demo data and its files, offering its development key to
    this machine as `lineage serve` does."""
    token, _ = await ensure_dev_key(demo, tmp_path / "dev-api-key")
    served = settings.model_copy(update={"assets_root": demo_folder})
    with LiveServer(create_app(served, dev_token=token)) as server:
        yield server


@pytest.fixture
def console_errors(offline: OfflinePage) -> list[str]:
    """Errors the page logged (a Content-Security-Policy violation among them)."""
    seen: list[str] = []
    offline.page.on("console", lambda m: seen.append(m.text) if m.type == "error" else None)
    return seen


@pytest.fixture
async def read_token(demo: Store) -> str:
    """A read-only key's token."""
    _, token = await KeyService(demo, ttl_s=0).create("studio reader", Scope.READ)
    return token


async def open_view(offline: OfflinePage, url: str) -> Page:
    """Go to `url` and wait until its view says it is drawn."""
    page = offline.page
    await page.goto(url)
    await page.locator("main[data-ready]").wait_for(timeout=TIMEOUT_MS)
    return page


def nothing_went_wrong(offline: OfflinePage) -> None:
    assert offline.blocked == [], f"requests to other hosts: {offline.blocked}"
    assert offline.refused == [], f"refused by the page's CSP: {offline.refused}"
    assert offline.failed == [], f"failed requests: {offline.failed}"
    assert offline.errors == [], f"page errors: {offline.errors}"
