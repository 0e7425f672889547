"""The studio's page and files over HTTP: public, under a strict Content-Security-Policy,
the development key only to this machine, files revalidated, pinned libraries cached."""

from __future__ import annotations

import posixpath
import re
from importlib import resources

import httpx

from lineage.auth.models import Scope
from tests.conftest import GraphQLClient, bearer
from tests.live_server import LiveServer

VIEWER = "{ viewer { scopes canWrite } }"
DEV_KEY_META = re.compile(r'<meta name="lineage-dev-key" content="([^"]+)">')
ANSWERS = '<script type="application/json" id="lineage-answers">'
STATIC = resources.files("lineage.web") / "static"
ENTRY = re.compile(r'<script type="module" src="/web/([^"]+)">')
MODULEPRELOAD = re.compile(r'<link rel="modulepreload" href="/web/([^"]+)">')
STATIC_IMPORT = re.compile(r'^import (?:[^;]*? from )?"(\.[^"]+)";', re.MULTILINE)


def imported_at_once(module: str) -> set[str]:
    """The modules `module` imports statically, and theirs (the page fetches them before
    it runs; `import()` of a view comes later), paths relative to `static/`."""
    found: set[str] = set()
    waiting = [module]
    while waiting:
        current = waiting.pop()
        for relative in STATIC_IMPORT.findall((STATIC / current).read_text()):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(current), relative))
            if target not in found:
                found.add(target)
                waiting.append(target)
    return found


def test_the_page_preloads_exactly_the_modules_its_first_screen_imports() -> None:
    """Every module the page's script imports is asked for at once with the page (no
    import waterfall), and no other (the other views wait for the first screen)."""
    page = (STATIC / "index.html").read_text()
    [entry] = ENTRY.findall(page)
    preloaded = MODULEPRELOAD.findall(page)
    assert len(preloaded) == len(set(preloaded))
    assert (
        set(preloaded)
        == imported_at_once(entry)
        == {"api.js", "dom.js", "router.js", "media.js", "views/catalog.js"}
    )


async def test_the_page_is_public_strict_and_never_cached(studio: LiveServer) -> None:
    async with httpx.AsyncClient(base_url=studio.url) as client:
        page = await client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert page.headers["cache-control"] == "no-store"
    scripts = re.findall(r"<script[^>]*>", page.text)
    inline = [tag for tag in scripts if "src=" not in tag]
    assert scripts and all('type="application/json"' in tag for tag in inline), "no inline script"


async def test_the_development_key_goes_to_this_machine_only(studio: LiveServer) -> None:
    async with httpx.AsyncClient(base_url=studio.url) as client:
        local = await client.get("/")
        rebound = await client.get("/", headers={"Host": "studio.example.com"})
        foreign = await client.get("/", headers={"Origin": "http://evil.example"})
        found = DEV_KEY_META.search(local.text)
        assert found is not None
        viewer = await client.post("/graphql", json={"query": VIEWER}, headers=bearer(found[1]))
    assert viewer.json()["data"]["viewer"] == {
        "scopes": ["read", "write", "admin"],
        "canWrite": True,
    }
    assert DEV_KEY_META.search(rebound.text) is None
    assert DEV_KEY_META.search(foreign.text) is None
    # the first screen's answers (asked with the development key) come with its page only
    assert ANSWERS in local.text
    assert ANSWERS not in rebound.text and ANSWERS not in foreign.text


async def test_its_files_are_revalidated_and_its_library_cached(studio: LiveServer) -> None:
    async with httpx.AsyncClient(base_url=studio.url) as client:
        script = await client.get("/web/app.js")
        again = await client.get("/web/app.js", headers={"If-None-Match": script.headers["etag"]})
        library = await client.get("/web/vendor/cytoscape@3.35.0/dist/cytoscape.min.js")
        missing = [
            (await client.get(path)).status_code
            for path in (
                "/web/nothing.js",
                "/web/%2e%2e/app.py",
                "/web/vendor/cytoscape@3.35.0/package.json",
            )
        ]
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert script.headers["cache-control"] == "no-cache"
    assert again.status_code == 304
    assert library.status_code == 200 and "immutable" in library.headers["cache-control"]
    assert missing == [404, 404, 404]


async def test_viewer_tells_a_read_key_it_cannot_write(
    gql: GraphQLClient, read_token: str, studio: LiveServer
) -> None:
    async with httpx.AsyncClient(base_url=studio.url, headers=bearer(read_token)) as client:
        viewer = (await client.post("/graphql", json={"query": VIEWER})).json()
    assert viewer["data"]["viewer"] == {"scopes": [Scope.READ.value], "canWrite": False}
