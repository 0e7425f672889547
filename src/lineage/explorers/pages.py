"""The developer pages' routes: the pinned browser files, `/docs` (Swagger UI) and
`/redoc` (ReDoc), all served by the app itself with nothing fetched from elsewhere,
and Neo4j Browser's style and guide."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse

from lineage.explorers.neo4j_guide import guide, style
from lineage.explorers.vendor import (
    URL_PREFIX,
    is_installed,
    not_installed_page,
    pinned,
    served_file,
)
from lineage.localdb.browser import GUIDE_PATH, STYLE_PATH

OPENAPI_URL = "/openapi.json"
TITLE = "Lineage"
IMMUTABLE = "public, max-age=31536000, immutable"  # a file's URL names its pinned version
# The docs pages may load from this service only: ReDoc's sidebar would fetch its
# maker's logo from a CDN, which the browser then refuses without asking the network.
SAME_ORIGIN_ONLY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "worker-src 'self' blob:; connect-src 'self'"
)


def developer_pages(web_assets: Path) -> APIRouter:
    """`/docs`, `/redoc` and `/_vendor/...`, reading the files installed in `web_assets`."""
    router = APIRouter(include_in_schema=False)

    @router.get(URL_PREFIX + "/{relative:path}")
    async def vendor_file(relative: str) -> FileResponse:
        found = served_file(web_assets, relative)
        if found is None:
            raise HTTPException(404, f"{URL_PREFIX}/{relative} is not a served file")
        return FileResponse(found, headers={"Cache-Control": IMMUTABLE})

    @router.get("/docs")
    async def swagger_ui() -> HTMLResponse:
        if not is_installed(web_assets):
            return HTMLResponse(not_installed_page("Swagger UI"))
        swagger = pinned()["swagger-ui-dist"]
        page = get_swagger_ui_html(
            openapi_url=OPENAPI_URL,
            title=f"{TITLE} - Swagger UI",
            swagger_js_url=swagger.url("swagger-ui-bundle.js"),
            swagger_css_url=swagger.url("swagger-ui.css"),
            swagger_favicon_url=swagger.url("favicon-32x32.png"),
            swagger_ui_parameters={"validatorUrl": None},
        )
        return _same_origin_only(page)

    @router.get("/redoc")
    async def redoc() -> HTMLResponse:
        if not is_installed(web_assets):
            return HTMLResponse(not_installed_page("ReDoc"))
        page = get_redoc_html(
            openapi_url=OPENAPI_URL,
            title=f"{TITLE} - ReDoc",
            redoc_js_url=pinned()["redoc"].url("bundles/redoc.standalone.js"),
            redoc_favicon_url=pinned()["swagger-ui-dist"].url("favicon-32x32.png"),
            with_google_fonts=False,
        )
        return _same_origin_only(page)

    _add_neo4j_browser_content(router)
    return router


def _add_neo4j_browser_content(router: APIRouter) -> None:
    """The style and guide Neo4j Browser fetches on connect, from its own origin: they
    are public, so any origin may read them (the Browser's guide request is preflighted)."""
    cors = {
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Headers": "pragma, cache-control",
    }

    @router.get(STYLE_PATH)
    async def neo4j_browser_style() -> PlainTextResponse:
        return PlainTextResponse(style(), headers=cors)

    @router.get(GUIDE_PATH)
    async def neo4j_browser_guide() -> HTMLResponse:
        return HTMLResponse(guide(), headers=cors)

    @router.options(STYLE_PATH)
    @router.options(GUIDE_PATH)
    async def neo4j_browser_preflight() -> PlainTextResponse:
        return PlainTextResponse("", headers=cors)


def _same_origin_only(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = SAME_ORIGIN_ONLY
    return page
