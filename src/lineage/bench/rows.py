"""The lineage floor: the driver side's statement served over HTTP with nothing of Lineage's
around it, so `lineage bench` can tell what any HTTP service answering a lineage costs
here from what Lineage adds.

A bare Starlette app under uvicorn in its own process (served as the API is, measured
by the same aiohttp client), whose one endpoint checks the request's API key as the API
does (`KeyService.authenticate`, cached), runs the driver side's statement
(`lineage.bench.measure.fetch_driver`: the same Cypher, one implicit transaction) and
answers its rows as JSON (orjson), undrawn: no GraphQL, no middleware, no reshaping.
`python -m lineage.bench.rows PORT` serves it (settings as JSON on stdin, like
`lineage.bench.server`).
"""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lineage.auth.service import KeyService
from lineage.bench.measure import ROWS_PATH, fetch_driver
from lineage.bench.server import Served, ServerProcess, keyed_session
from lineage.db.driver import create_driver
from lineage.db.store import Store
from lineage.errors import LineageError, UnauthenticatedError
from lineage.settings import Settings

ROWS_MODULE = "lineage.bench.rows"


def rows_app(settings: Settings) -> Starlette:
    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = create_driver(settings)
        app.state.store = Store(driver, settings.neo4j_database)
        app.state.keys = KeyService(app.state.store, ttl_s=settings.auth_cache_ttl_s)
        try:
            yield
        finally:
            await driver.close()

    async def healthz(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    routes = [Route(ROWS_PATH, lineage_rows, methods=["POST"]), Route("/healthz", healthz)]
    return Starlette(routes=routes, lifespan=lifespan)


async def lineage_rows(request: Request) -> Response:
    """POST {id, direction, depth}: the driver side's rows, as JSON."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise UnauthenticatedError("send 'Authorization: Bearer <key>'")
        await request.app.state.keys.authenticate(token)
        asked = orjson.loads(await request.body())
        records = await fetch_driver(
            request.app.state.store, asked["id"], asked["direction"], asked["depth"]
        )
    except UnauthenticatedError as exc:
        return JSONResponse({"error": str(exc)}, status_code=401)
    except LineageError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    return Response(orjson.dumps([dict(r) for r in records]), media_type="application/json")


@asynccontextmanager
async def rows_session(settings: Settings, token: str) -> AsyncIterator[Served]:
    """The rows app in its own process and an HTTP session on it, sending `token` as the
    API's session does."""
    with ServerProcess(settings, ROWS_MODULE) as server:
        async with keyed_session(server, token) as http:
            yield Served(server, http)


if __name__ == "__main__":
    served = Settings.model_validate_json(sys.stdin.buffer.read())
    uvicorn.run(rows_app(served), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
