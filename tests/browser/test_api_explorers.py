"""GraphiQL, Swagger UI and ReDoc work with the network cut off but for 127.0.0.1:
every file comes from the service itself, and GraphiQL runs its example on the demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lineage.app import create_app
from lineage.auth.dev import ensure_dev_key
from lineage.db.store import Store
from lineage.settings import Settings
from tests.browser.conftest import OfflinePage
from tests.live_server import LiveServer

TIMEOUT_MS = 120_000  # generous: a loaded 2-core machine can take a minute to render


@pytest.fixture
async def served(
    demo: Store, settings: Settings, web_assets: Path, tmp_path: Path
) -> Iterator[LiveServer]:
    """The API over the demo data, offering its development key as `lineage serve` does."""
    token, _ = await ensure_dev_key(demo, tmp_path / "dev-api-key")
    with LiveServer(create_app(settings, dev_token=token)) as server:
        yield server


def nothing_left_the_machine(offline: OfflinePage) -> None:
    assert offline.blocked == [], f"requests to other hosts: {offline.blocked}"
    assert offline.failed == [], f"failed requests: {offline.failed}"
    assert offline.errors == [], f"page errors: {offline.errors}"


async def run_and_read(offline: OfflinePage, expected: str) -> str:
    """Run the open tab's query and return the result once `expected` shows in it.
    Right after a tab switch GraphiQL may still send the previous tab's operation
    name (the server then answers GRAPHQL_VALIDATION_FAILED): run it again then."""
    result = offline.page.locator(".result-window")
    try:
        for _ in range(3):
            await offline.page.locator(".graphiql-execute-button").click()
            shown = result.get_by_text(expected).or_(result.get_by_text("Unknown operation"))
            await shown.first.wait_for(timeout=TIMEOUT_MS)
            if await result.get_by_text(expected).count():
                break
        await result.get_by_text(expected).wait_for(timeout=TIMEOUT_MS)
    finally:
        await offline.screenshot("graphiql-last-run")
    return await result.inner_text()


async def test_graphiql_runs_the_example_on_the_demo(
    served: LiveServer, offline: OfflinePage
) -> None:
    page = offline.page
    await page.goto(served.url + "/graphql")
    editor = page.locator(".graphiql-query-editor")
    await editor.get_by_text("query NewestAssets").wait_for(timeout=TIMEOUT_MS)
    tabs = await page.locator(".graphiql-tab").all_inner_texts()
    assert [t.strip() for t in tabs] == [
        "NewestAssets",
        "CatalogSearch",
        "DemoVideoLineage",
        "DemoProjectOrphans",
    ]
    assert "asset_mus_legacy" in await run_and_read(offline, '"totalCount": 25')
    await offline.screenshot("graphiql-example")
    nothing_left_the_machine(offline)


async def test_graphiql_runs_the_lineage_tab(served: LiveServer, offline: OfflinePage) -> None:
    page = offline.page
    await page.goto(served.url + "/graphql")
    await page.locator(".graphiql-tab", has_text="DemoVideoLineage").click()
    editor = page.locator(".graphiql-query-editor")
    await editor.get_by_text("query DemoVideoLineage").wait_for(timeout=TIMEOUT_MS)
    assert '"version": 11' in await run_and_read(offline, '"slot": "001-002"')
    await offline.screenshot("graphiql-lineage-tab")
    nothing_left_the_machine(offline)


@pytest.mark.parametrize(
    ("path", "title"),
    [("/docs", ".swagger-ui .info .title"), ("/redoc", ".api-info h1")],
)
async def test_the_api_docs_render_offline(
    served: LiveServer, offline: OfflinePage, path: str, title: str
) -> None:
    page = offline.page
    await page.goto(served.url + path)
    heading = page.locator(title)
    await heading.get_by_text("Lineage").wait_for(timeout=TIMEOUT_MS)
    await page.get_by_text("/files").first.wait_for(timeout=TIMEOUT_MS)
    await offline.screenshot(f"docs{path.replace('/', '-')}")
    nothing_left_the_machine(offline)
    assert all(url.startswith("https://cdn.redoc.ly/") for url in offline.refused)
