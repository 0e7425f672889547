"""Headless Chromium (Debian's package) driven by Playwright, offline but for 127.0.0.1.

`chromium` is installed with apt-get when it is missing and the suite runs as root
(as CI does); the browser tests skip, saying why, only when that is impossible.
Screenshots are kept in `test-artifacts/browser/` (git-ignored) to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, Request, Route, async_playwright

# fixtures: the explorers open on the demo data, with their pinned files installed
from tests.explorers.conftest import demo, demo_folder, web_assets  # noqa: F401

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
LOCAL = ("http://127.0.0.1:", "data:", "blob:")


def _install_chromium() -> str | None:
    """The path of `chromium`, installing Debian's package first when possible."""
    found = shutil.which("chromium")
    if found or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return found
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        if subprocess.run(command, env=env, capture_output=True, check=False).returncode != 0:
            return None
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> str:
    found = _install_chromium()
    if found is None:
        pytest.skip("no `chromium` on PATH and it cannot be installed (needs root and apt-get)")
    return found


@pytest.fixture(scope="session")
async def browser(chromium: str) -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        await launched.close()


@dataclass
class OfflinePage:
    """A page in a fresh context whose requests to anything but this machine are aborted.

    `blocked`: requests that tried to leave the machine; `refused`: requests the page's
    Content-Security-Policy stopped in the browser (they never reach the network);
    `failed`: any other failed request, but a video's or sound's that the page cancelled by
    leaving its view."""

    page: Page
    blocked: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    async def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        await self.page.screenshot(path=str(path))
        return path


@pytest.fixture
async def offline(browser: Browser) -> AsyncIterator[OfflinePage]:
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    seen = OfflinePage(page)

    async def only_local(route: Route) -> None:
        if route.request.url.startswith(LOCAL):
            await route.continue_()
        else:
            seen.blocked.append(route.request.url)
            await route.abort()

    def failed(request: Request) -> None:
        if request.failure == "csp":
            seen.refused.append(request.url)
        elif request.url not in seen.blocked and not _left_while_playing(request):
            seen.failed.append(f"{request.url}: {request.failure}")

    await context.route("**/*", only_local)
    page.on("requestfailed", failed)
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    yield seen
    await context.close()


def _left_while_playing(request: Request) -> bool:
    """A video or sound whose element the page removed (another view opened) before it had
    loaded: Chromium cancels its request, which is the page's choice, not a failure."""
    return request.resource_type == "media" and request.failure == "net::ERR_ABORTED"
