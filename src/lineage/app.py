"""`create_app(settings)`: the FastAPI application; its lifespan owns the one AsyncDriver."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from lineage import __version__
from lineage.api import health
from lineage.api.schema import graphql_router
from lineage.db.driver import create_driver
from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.files.http import router as files_router
from lineage.settings import Settings, get_settings
from lineage.state import ServiceState


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = create_driver(settings)
        state = ServiceState(settings, Store(driver, settings.neo4j_database))
        app.state.lineage = state
        files = LocalFileStore(settings.assets_root, max_bytes=settings.max_upload_bytes)
        app.state.file_store = files
        await files.recover()
        await state.ensure_schema()
        try:
            yield
        finally:
            await driver.close()

    app = FastAPI(title="Lineage", version=__version__, lifespan=lifespan)
    app.include_router(health.router)
    app.include_router(files_router)
    app.include_router(graphql_router(settings), prefix="/graphql")
    return app
