"""The request floor: `{ __typename }` through Lineage next to a bare Starlette app serving
strawberry's own ASGI view of the same schema, both under uvicorn in their own process,
measured interleaved in one run.

The bare app has no FastAPI, no middleware, no API key and no Lineage context: what
any GraphQL request costs before Lineage adds anything. Its requests carry an
unrestricted caller (as the API-key gate leaves one), so the schema's scope policy
answers both the same. `python -m lineage.bench.floor PORT` serves it (settings as
JSON on stdin, like `lineage.bench.server`).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from types import SimpleNamespace

import aiohttp
import uvicorn
from rich.table import Table
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from lineage.api.schema import build_schema
from lineage.auth.models import UNRESTRICTED
from lineage.bench.measure import round_trip, stats
from lineage.bench.server import ServerProcess, api_session
from lineage.runtime import open_store
from lineage.settings import Settings
from lineage.upgrades import migrate

BARE_MODULE = "lineage.bench.floor"


class BareGraphQL(GraphQL[SimpleNamespace, None]):
    """Strawberry's view; its context is the request, with an unrestricted caller."""

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> SimpleNamespace:
        request.scope.setdefault("state", {})["caller"] = UNRESTRICTED
        return SimpleNamespace(request=request)


def bare_app(settings: Settings) -> Starlette:
    async def healthz(_: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    view = BareGraphQL(build_schema(settings), graphql_ide=None)
    routes = [Route("/graphql", view, methods=["GET", "POST"]), Route("/healthz", healthz)]
    return Starlette(routes=routes)


@dataclass(frozen=True)
class FloorResult:
    """p50/p95 (ms) of `{ __typename }` through Lineage and through the bare app."""

    lineage: dict[str, float]
    bare: dict[str, float]

    @property
    def ratio(self) -> float:
        return self.lineage["p50"] / self.bare["p50"]


async def measure_floor(
    lineage: aiohttp.ClientSession, settings: Settings, runs: int
) -> FloorResult:
    """`runs` requests to each, alternating, after as many unmeasured ones; `lineage` is a
    session on the running Lineage server (with its API key)."""
    with ServerProcess(settings, BARE_MODULE) as server:
        async with aiohttp.ClientSession(server.url) as bare:
            times: dict[str, list[float]] = {"lineage": [], "bare": []}
            sessions = {"lineage": lineage, "bare": bare}
            for index in range(2 * runs):
                for name in _order(index):
                    started = time.perf_counter()
                    await round_trip(sessions[name])
                    if index >= runs:
                        times[name].append((time.perf_counter() - started) * 1000)
    return FloorResult(stats(times["lineage"]), stats(times["bare"]))


async def run_floor_bench(settings: Settings, runs: int) -> FloorResult:
    """Lineage (on `settings`' Neo4j, schema applied) next to the bare app."""
    async with open_store(settings) as store:
        await migrate(store)
        async with api_session(settings, store) as http:
            return await measure_floor(http, settings, runs)


def floor_table(result: FloorResult) -> Table:
    table = Table(title="The request floor: { __typename } over HTTP, ms")
    for column in ("measure", "p50", "p95", "ratio p50"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name, figures, ratio in (
        ("Lineage (FastAPI, API key, context)", result.lineage, f"{result.ratio:.2f}x"),
        ("bare Starlette + strawberry's view", result.bare, "1.00x"),
    ):
        table.add_row(name, f"{figures['p50']:.3f}", f"{figures['p95']:.3f}", ratio)
    return table


def _order(index: int) -> tuple[str, str]:
    return ("lineage", "bare") if index % 2 else ("bare", "lineage")


if __name__ == "__main__":
    served = Settings.model_validate_json(sys.stdin.buffer.read())
    uvicorn.run(bare_app(served), host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
