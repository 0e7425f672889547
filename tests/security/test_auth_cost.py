"""What checking a key costs per request, with and without the key cache (printed)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from lineage.app import create_app
from lineage.auth.models import Scope
from lineage.settings import Settings
from tests.conftest import bearer
from tests.live_server import LiveServer

REQUESTS = 300
QUERY = {"query": "{ __typename }"}  # no Neo4j query of its own: only the key check


@contextmanager
def serving(settings: Settings, **update: object) -> Iterator[LiveServer]:
    with LiveServer(create_app(settings.model_copy(update=update))) as server:
        yield server


def median_ms(server: LiveServer, token: str) -> tuple[float, int]:
    """Median latency of REQUESTS requests, and the Neo4j queries they ran."""
    with httpx.Client(base_url=server.url, headers=bearer(token)) as client:
        client.post("/graphql", json=QUERY)
        before = server.queries_run
        times = []
        for _ in range(REQUESTS):
            started = time.perf_counter()
            assert client.post("/graphql", json=QUERY).status_code == 200
            times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, server.queries_run - before


async def test_cached_keys_cost_no_query(settings: Settings, tokens: dict[Scope, str]) -> None:
    token = tokens[Scope.READ]
    with serving(settings, auth_enabled=False) as server:
        off, _ = median_ms(server, token)
    with serving(settings, auth_cache_ttl_s=0.0) as server:
        uncached, lookups = median_ms(server, token)
    with serving(settings, auth_cache_ttl_s=30.0) as server:
        cached, cached_lookups = median_ms(server, token)
    assert lookups == REQUESTS and cached_lookups == 0
    print(
        f"\nmedian per request: auth off {off:.2f} ms, key cached {cached:.2f} ms, "
        f"key looked up in Neo4j every time {uncached:.2f} ms ({REQUESTS} requests each)"
    )
