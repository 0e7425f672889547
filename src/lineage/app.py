"""`create_app(settings)`: the FastAPI application; its lifespan owns the one AsyncDriver.

Middleware, outermost first: CORS (when `cors_origins` is set, so preflights and
refusals carry its headers), then the API-key gate of `lineage.auth.middleware`, then
the body limits of `lineage.api.limits`, then `lineage.api.dispatch`, which hands
`/graphql` to strawberry's view without FastAPI's routing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.routing import Route

from lineage import __version__
from lineage.api import health
from lineage.api.compiled_requests import CompiledRequests
from lineage.api.dispatch import GRAPHQL_PATH, GraphQLFirst
from lineage.api.limits import RequestLimits
from lineage.api.schema import LineageGraphQL, graphql_app
from lineage.auth.middleware import AuthMiddleware
from lineage.auth.service import KeyService
from lineage.bundles.http import router as bundles_router
from lineage.db.driver import create_driver
from lineage.db.store import Store
from lineage.explorers.pages import developer_pages
from lineage.files import LocalFileStore
from lineage.files.derived import Derivatives
from lineage.files.http import router as files_router
from lineage.files.models import URL_PREFIX
from lineage.settings import Settings, get_settings
from lineage.state import ServiceState
from lineage.web.pages import studio_pages


def create_app(settings: Settings | None = None, dev_token: str | None = None) -> FastAPI:
    """The service; `dev_token` (local `lineage serve` only) is offered by GraphiQL and the
    studio's pages."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = create_driver(settings)
        store = Store(driver, settings.neo4j_database, timeout_s=settings.neo4j_query_timeout_s)
        state = ServiceState(settings, store)
        app.state.lineage = state
        app.state.keys = KeyService(store, ttl_s=settings.auth_cache_ttl_s)
        files = LocalFileStore(settings.assets_root, max_bytes=settings.max_upload_bytes)
        files.url_allowed_networks = settings.source_url_allowed_networks
        files.max_image_pixels = settings.max_image_pixels
        app.state.file_store = files
        app.state.derivatives = Derivatives(files)
        await files.recover()
        await state.ensure_schema()
        try:
            yield
        finally:
            await driver.close()

    openapi_url = "/openapi.json" if settings.graphiql else None
    app = FastAPI(
        title="Lineage",
        version=__version__,
        lifespan=lifespan,
        openapi_url=openapi_url,
        docs_url=None,  # served from pinned local files by `developer_pages`
        redoc_url=None,
    )
    app.include_router(health.router)
    if settings.graphiql:
        app.include_router(developer_pages(settings.web_assets_dir))
    app.include_router(studio_pages(settings.web_assets_dir, dev_token))
    app.include_router(files_router)
    app.include_router(bundles_router)
    # strawberry's own ASGI view, not its FastAPI router: no FastAPI dependency solving
    view = graphql_app(settings, dev_token)
    app.router.routes.append(Route(GRAPHQL_PATH, view, methods=["GET", "POST"]))
    _add_middleware(app, settings, view)
    return app


def _add_middleware(app: FastAPI, settings: Settings, view: LineageGraphQL) -> None:
    app.add_middleware(GraphQLFirst, view=view, compiled=CompiledRequests(view, view.plans))
    app.add_middleware(
        RequestLimits,
        max_bytes=settings.max_request_bytes,
        max_depth=settings.max_json_depth,
        upload_path=URL_PREFIX,
    )
    app.add_middleware(
        AuthMiddleware, enabled=settings.auth_enabled, developer_pages=bool(settings.graphiql)
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=["ETag", "Content-Range", "Accept-Ranges"],
            max_age=600,
        )
