"""The studio's routes: the page at `/`, its own files under `/web/`, and its graph
library's pinned files under `/web/vendor/` (the same install as GraphiQL's).

The page (`lineage.web.assembly`: one HTML file with its style sheet and its import map in
it, allowed by their hashes) is under a strict Content-Security-Policy: everything it
loads comes from this service; its script is the first screen's modules joined in one
file (`lineage.web.bundle`), served at `/web/first-screen.js`. On this machine
(`may_see_dev_key`, as for GraphiQL) the page carries the development key in a
`<meta>` element, so it is never cached, and its first screen's answers
(`lineage.web.first_screen`: the page's head goes out first, the answers follow); its
files are revalidated (`no-cache` and their ETag), the pinned vendor files cached for
good (their URL names their version).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import cache
from html import escape
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response, StreamingResponse

from lineage.auth.loopback import may_see_dev_key
from lineage.explorers.vendor import served_file
from lineage.web.assembly import etag_of, served, static_root
from lineage.web.bundle import URL
from lineage.web.first_screen import first_screen

PREFIX = "/web"
VENDOR = f"{PREFIX}/vendor/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".html": "text/html; charset=utf-8",
}
DEV_KEY_MARK = "<!--dev-key-->"
FIRST_SCREEN_MARK = "<!--first-screen-->"
BUNDLE = URL.removeprefix(f"{PREFIX}/")


def studio_pages(web_assets: Path, dev_token: str | None) -> APIRouter:
    """`/` and `/web/...`; `dev_token` goes to a browser on this machine only."""
    router = APIRouter(include_in_schema=False)

    @router.get("/")
    async def studio(request: Request) -> Response:
        made = served()
        if dev_token and may_see_dev_key(request):
            parts = _with_first_screen(request, made.page, dev_token)
            return StreamingResponse(parts, media_type=MEDIA_TYPES[".html"], headers=made.headers)
        page = made.page.replace(DEV_KEY_MARK, "").replace(FIRST_SCREEN_MARK, "")
        return HTMLResponse(page, headers=made.headers)

    @router.get(PREFIX + "/{relative:path}")
    async def studio_file(relative: str, request: Request) -> Response:
        if relative.startswith("vendor/"):
            return _vendor_file(web_assets, relative.removeprefix("vendor/"))
        if relative == BUNDLE:
            made = served()
            return _revalidated(request, made.script, made.script_etag, ".js")
        found = _static_file(relative)
        if found is None:
            raise HTTPException(404, f"{PREFIX}/{relative} is not a file of the studio")
        body, etag = _contents(str(found), found.stat().st_mtime_ns)
        return _revalidated(request, body, etag, found.suffix)

    return router


def _revalidated(request: Request, body: bytes, etag: str, suffix: str) -> Response:
    """A file of the studio's, revalidated by its ETag."""
    headers = {"Cache-Control": REVALIDATE, "ETag": etag, "X-Content-Type-Options": "nosniff"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=MEDIA_TYPES[suffix], headers=headers)


def _vendor_file(web_assets: Path, relative: str) -> Response:
    found = served_file(web_assets, relative)
    if found is None:
        raise HTTPException(404, f"{VENDOR}{relative} is not installed: run `make install`")
    return FileResponse(found, headers={"Cache-Control": IMMUTABLE})


def _static_file(relative: str) -> Path | None:
    """The packaged file at `relative` under `static/` (no way out of it), or None."""
    parts = relative.split("/")
    if any(part in {"", ".", ".."} for part in parts) or Path(relative).suffix not in MEDIA_TYPES:
        return None
    found = Path(str(static_root().joinpath(*parts)))
    return found if found.is_file() else None


@cache
def _contents(path: str, mtime_ns: int) -> tuple[bytes, str]:
    """A packaged file's bytes and ETag, read again only when the file changes."""
    body = Path(path).read_bytes()
    return body, etag_of(body)


async def _with_first_screen(request: Request, index: str, token: str) -> AsyncIterator[str]:
    """The page with the key, up to its first-screen mark at once, then the first
    screen's answers, then the rest."""
    page = index.replace(DEV_KEY_MARK, _dev_key_meta(token))
    head, _, rest = page.partition(FIRST_SCREEN_MARK)
    yield head
    yield await first_screen(request.app, str(request.base_url), token)
    yield rest


def _dev_key_meta(token: str) -> str:
    return f'<meta name="lineage-dev-key" content="{escape(token)}">'
