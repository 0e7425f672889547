"""Story Builder's page through the API next to the same page as one hand-written query.

Usage: `.venv/bin/python scripts/bench_story_page.py BOLT_URI PASSWORD PROJECT [RUNS]`
on a graph that holds project PROJECT (e.g. the gathered project of
tests/api/test_nested_page_cost.py). The app is served alone in its own process
(`ServerProcess`, as in production, with a READ key); the page is first checked to
equal the floor's (cypher/bench/list_story_page_floor), then both are timed,
interleaved, after a warm-up: p50 and p95 in ms, and the API's ratio to the floor.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

from lineage.auth.models import Scope
from lineage.auth.service import KeyService
from lineage.bench.server import ServerProcess
from lineage.db import cypher
from lineage.db.store import Store
from lineage.runtime import open_store
from lineage.settings import Settings

PAGE = """query($filter: AssetFilter, $first: Int) { assets(filter: $filter, first: $first) {
  edges { node { id frames { role position asset { id filename provider } }
  prompts { id text } previousVersion { id status } } } } }"""
SIZE, WARM_UP = 100, 20


def quantile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[round(q * 100) - 1]


async def api_page(http: aiohttp.ClientSession, project: str) -> list[dict[str, Any]]:
    variables = {"filter": {"projectCode": project, "type": "VIDEO", "status": "READY"}}
    async with http.post(
        "/graphql", json={"query": PAGE, "variables": {**variables, "first": SIZE}}
    ) as response:
        body = await response.json()
    return [edge["node"] for edge in body["data"]["assets"]["edges"]]


async def floor_page(store: Store, project: str) -> list[dict[str, Any]]:
    async with store.driver.session(database=store.database) as session:
        result = await session.run(
            cypher.load("bench/list_story_page_floor"), projectCode=project, limit=SIZE
        )
        [row] = [record async for record in result]
    assets: list[dict[str, Any]] = row["assets"]
    return assets


def as_api_spells(assets: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The floor's rows with GraphQL's enum spelling (START, READY)."""
    return [
        {
            **a,
            "frames": [{**f, "role": f["role"].upper()} for f in a["frames"]],
            "previousVersion": a["previousVersion"]
            and {**a["previousVersion"], "status": a["previousVersion"]["status"].upper()},
        }
        for a in assets
    ]


async def timed(work: Any) -> float:
    started = time.perf_counter()
    await work
    return (time.perf_counter() - started) * 1000


async def measure(settings: Settings, project: str, runs: int) -> None:
    async with open_store(settings) as store:
        keys = KeyService(store)
        key, token = await keys.create("story page bench", Scope.READ)
        try:
            with ServerProcess(settings) as server:
                headers = {"Authorization": f"Bearer {token}"}
                async with aiohttp.ClientSession(server.url, headers=headers) as http:
                    api, floor = await api_page(http, project), await floor_page(store, project)
                    assert api == as_api_spells(floor), "the API's page differs from the floor's"
                    times: dict[str, list[float]] = {"api": [], "floor": []}
                    for run in range(WARM_UP + runs):
                        api_ms = await timed(api_page(http, project))
                        floor_ms = await timed(floor_page(store, project))
                        if run >= WARM_UP:
                            times["api"].append(api_ms)
                            times["floor"].append(floor_ms)
        finally:
            await keys.revoke(key.id)
    report(times, len(api))


def report(times: dict[str, list[float]], assets: int) -> None:
    p50 = {side: statistics.median(ms) for side, ms in times.items()}
    p95 = {side: quantile(ms, 0.95) for side, ms in times.items()}
    print(f"Story Builder page: {assets} assets, {len(times['api'])} interleaved runs")
    for side in times:
        print(f"  {side:<6} p50 {p50[side]:7.2f} ms   p95 {p95[side]:7.2f} ms")
    print(
        f"  api/floor: p50 {p50['api'] / p50['floor']:.2f}x   p95 {p95['api'] / p95['floor']:.2f}x"
    )


def main() -> None:
    uri, password, project = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 200
    with tempfile.TemporaryDirectory(prefix="story-bench-") as root:
        settings = Settings(neo4j_uri=uri, neo4j_password=password, assets_root=Path(root))
        asyncio.run(measure(settings, project, runs))


if __name__ == "__main__":
    main()
