"""The studio's page and files over HTTP: public, under a strict Content-Security-Policy,
the development key only to this machine, files revalidated, pinned libraries cached."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import posixpath
import re
from importlib import resources
from pathlib import Path

import httpx
import pytest

from lineage.auth.models import Scope
from lineage.web import assembly, bundle
from tests.conftest import GraphQLClient, bearer
from tests.live_server import LiveServer

VIEWER = "{ viewer { scopes canWrite } }"
DEV_KEY_META = re.compile(r'<meta name="lineage-dev-key" content="([^"]+)">')
ANSWERS = '<script type="application/json" id="lineage-answers">'
STATIC = resources.files("lineage.web") / "static"
MODULE_SCRIPT = re.compile(r'<script type="module" src="([^"]+)">')
INLINE = re.compile(r"<(script|style)([^>]*)>(.*?)</\1>", re.DOTALL)
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


def hash_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


async def test_the_page_runs_one_module_joining_exactly_what_app_js_imports(
    studio: LiveServer,
) -> None:
    """The page's one module file holds app.js and every module it imports (no import
    waterfall, one request), and no other (the other views wait for the first screen);
    the import map sends each of their URLs to it, for the views that import them."""
    async with httpx.AsyncClient(base_url=studio.url) as client:
        page = (await client.get("/")).text
        script = await client.get(bundle.URL)
    assert MODULE_SCRIPT.findall(page) == [bundle.URL]
    first_screen = {"app.js", "api.js", "dom.js", "router.js", "media.js", "views/catalog.js"}
    assert imported_at_once("app.js") | {"app.js"} == first_screen
    joined = re.findall(r"^// (\S+\.js)\nconst \$", script.text, re.MULTILINE)
    assert joined == ["api.js", "dom.js", "media.js", "router.js", "views/catalog.js", "app.js"]
    [import_map] = [text for tag, attrs, text in INLINE.findall(page) if "importmap" in attrs]
    assert json.loads(import_map) == {"imports": {f"/web/{m}": bundle.URL for m in joined}}
    assert script.headers["content-type"].startswith("text/javascript")
    assert "\nexport const { catalogView, badgesOf } = $views_catalog;" in script.text


def test_the_bundle_refuses_module_syntax_it_does_not_join() -> None:
    sources = {
        "app.js": 'import { a } from "./one.js";\nimport { b } from "./two.js";\n',
        "two.js": "export const b = 1;\n",
    }
    refused = {
        "export function a() {}\nexport default a;\n": r"one\.js: .*export default a",
        "export function a() {}\nexport const b = 2;\n": r"two\.js and one\.js both export b",
        'export function a() {\n  return import("./later.js");\n}\n': r"one\.js: .*import\(",
        "export const a = import.meta.url;\n": r"one\.js: .*import\.meta",
    }
    for one, reason in refused.items():
        with pytest.raises(ValueError, match=reason):
            bundle.bundle({**sources, "one.js": one}.__getitem__)
    sources["one.js"] = "export function a() {}\n"
    joined = bundle.bundle(sources.__getitem__)
    assert joined.modules == ("one.js", "two.js", "app.js")
    assert "const { a } = $one;\nconst { b } = $two;\n" in joined.script


def test_the_page_is_made_again_when_a_file_it_is_made_from_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = {
        "index.html": "<head><!--app.css--><!--import-map--></head>",
        "app.css": "main { color: red; }",
        "app.js": 'import { a } from "./one.js";\na();\n',
        "one.js": "export function a() {}\n",
        "later.js": "// not imported by app.js: not looked at\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    monkeypatch.setattr(assembly, "static_root", lambda: tmp_path)
    assembly._made.cache_clear()
    try:
        first = assembly.served()
        assert [name for name, _ in first.stamps] == ["index.html", "app.css", "one.js", "app.js"]
        assert assembly.served() is first
        (tmp_path / "one.js").write_text("export function a() { return 1; }\n")
        stamp = first.stamps[2][1] + 1_000_000
        os.utime(tmp_path / "one.js", ns=(stamp, stamp))
        again = assembly.served()
        assert b"return 1;" in again.script and again.script_etag != first.script_etag
        (tmp_path / "one.js").unlink()  # gone: made again, and the joiner says what is missing
        with pytest.raises(FileNotFoundError, match=r"one\.js"):
            assembly.served()
    finally:
        assembly._made.cache_clear()


async def test_the_page_is_public_strict_and_never_cached(studio: LiveServer) -> None:
    async with httpx.AsyncClient(base_url=studio.url) as client:
        page = await client.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert page.headers["cache-control"] == "no-store"
    # the only inline elements a browser runs or applies: the import map and the style
    # sheet, each allowed by its hash (the answers are JSON data, never run)
    inline = [(tag, attrs, text) for tag, attrs, text in INLINE.findall(page.text) if text]
    [import_map] = [text for tag, attrs, text in inline if 'type="importmap"' in attrs]
    [sheet] = [text for tag, attrs, text in inline if tag == "style"]
    assert f"script-src 'self' {hash_source(import_map)};" in policy
    assert f"style-src 'self' {hash_source(sheet)};" in policy
    others = [attrs for tag, attrs, _ in inline if tag == "script" and "importmap" not in attrs]
    assert all('type="application/json"' in attrs for attrs in others), "no other inline script"


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
        joined = await client.get(bundle.URL)
        joined_again = await client.get(
            bundle.URL, headers={"If-None-Match": joined.headers["etag"]}
        )
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
    assert joined.headers["cache-control"] == "no-cache" and joined_again.status_code == 304
    assert library.status_code == 200 and "immutable" in library.headers["cache-control"]
    assert missing == [404, 404, 404]


async def test_viewer_tells_a_read_key_it_cannot_write(
    gql: GraphQLClient, read_token: str, studio: LiveServer
) -> None:
    async with httpx.AsyncClient(base_url=studio.url, headers=bearer(read_token)) as client:
        viewer = (await client.post("/graphql", json={"query": VIEWER})).json()
    assert viewer["data"]["viewer"] == {"scopes": [Scope.READ.value], "canWrite": False}
