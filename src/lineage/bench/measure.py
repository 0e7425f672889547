"""Times `lineage(id, direction, depth)` through the GraphQL API next to the same traversal
run directly with the neo4j driver: interleaved, on the same starts, checked for equality.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import httpx
from neo4j import RoutingControl

from lineage.db import cypher
from lineage.db.store import Store, translated_errors
from lineage.errors import LineageError

LINEAGE_QUERY = """query Lineage($id: ID!, $direction: LineageDirection!, $depth: Int!) {
  lineage(id: $id, direction: $direction, depth: $depth) {
    rootId truncated
    nodes { id kind labels distance properties }
    edges { fromId toId type properties }
  }
}"""
DRIVER_QUERY = {"UPSTREAM": "bench/lineage_upstream", "BOTH": "bench/lineage_both"}
DIRECTIONS = tuple(DRIVER_QUERY)


@dataclass(frozen=True)
class Traversal:
    """What both sides must agree on: node ids with distances, edges, truncation."""

    nodes: dict[str, int]
    edges: frozenset[tuple[str, str, str]]
    truncated: bool

    @classmethod
    def of(
        cls, nodes: Iterable[dict[str, Any]], edges: Iterable[dict[str, Any]], truncated: bool
    ) -> Traversal:
        distances: dict[str, int] = {}
        for node in nodes:
            known = distances.get(node["id"])
            distances[node["id"]] = (
                node["distance"] if known is None else min(known, node["distance"])
            )
        found = frozenset((e["fromId"], e["toId"], e["type"]) for e in edges)
        return cls(distances, found, truncated)

    def differences(self, driver: Traversal) -> list[str]:
        """How the API's answer (self) differs from the driver's; empty when equal."""
        found = []
        if self.nodes.keys() != driver.nodes.keys():
            only_api = len(self.nodes.keys() - driver.nodes.keys())
            only_driver = len(driver.nodes.keys() - self.nodes.keys())
            found.append(
                f"node ids differ ({only_api} only via API, {only_driver} only via driver)"
            )
        elif self.nodes != driver.nodes:
            found.append("distances differ")
        if self.edges != driver.edges:
            found.append(
                f"edges differ ({len(self.edges)} via API, {len(driver.edges)} via driver)"
            )
        if self.truncated != driver.truncated:
            found.append("truncated differs")
        return found


async def via_api(http: httpx.AsyncClient, start: str, direction: str, depth: int) -> Traversal:
    """The GraphQL query over real HTTP, as Story Builder sends it."""
    variables = {"id": start, "direction": direction, "depth": depth}
    response = await http.post("/graphql", json={"query": LINEAGE_QUERY, "variables": variables})
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise LineageError(f"lineage({start!r}, {direction}) failed: {response.text[:300]}")
    lineage = body["data"]["lineage"]
    return Traversal.of(lineage["nodes"], lineage["edges"], lineage["truncated"])


async def via_driver(store: Store, start: str, direction: str, depth: int) -> Traversal:
    """The plain Cypher of `cypher/bench/`, straight through the driver."""
    async with translated_errors():
        records, _, _ = await store.driver.execute_query(
            cypher.load(DRIVER_QUERY[direction]),
            {"id": start, "depth": depth},
            routing_=RoutingControl.READ,
            database_=store.database,
        )
    if not records:
        raise LineageError(f"no asset with id {start!r}")
    nodes = [node for record in records for node in record["nodes"]]
    edges = [edge for record in records for edge in record["edges"]]
    return Traversal.of(nodes, edges, any(record["truncated"] for record in records))


@dataclass
class Samples:
    """One direction's timings (ms), paired by start, and what did not match."""

    api: list[float] = field(default_factory=list)
    driver: list[float] = field(default_factory=list)
    nodes: list[int] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def stats(values: list[float]) -> dict[str, float]:
    return {
        "p50": statistics.median(values),
        "p95": percentile(values, 0.95),
        "mean": statistics.fmean(values),
    }


Call = Callable[[], Awaitable[Traversal]]


async def timed(call: Call) -> tuple[float, Traversal]:
    started = time.perf_counter()
    result = await call()
    return (time.perf_counter() - started) * 1000, result


class Comparison:
    """Runs both sides on each start, alternating which goes first (neither warms the other)."""

    def __init__(self, http: httpx.AsyncClient, store: Store, depth: int) -> None:
        self.http, self.store, self.depth = http, store, depth

    def sides(self, start: str, direction: str) -> tuple[Call, Call]:
        return (
            lambda: via_api(self.http, start, direction, self.depth),
            lambda: via_driver(self.store, start, direction, self.depth),
        )

    async def warm_up(self, starts: list[str]) -> None:
        for start in starts:
            for direction in DIRECTIONS:
                for call in self.sides(start, direction):
                    await call()

    async def preload(self, starts: list[str]) -> None:
        """Read every start's neighbourhood once, so no measured call pays for cold pages."""
        for start in starts:
            await via_driver(self.store, start, "BOTH", self.depth)

    async def run(self, starts: list[str]) -> dict[str, Samples]:
        samples = {direction: Samples() for direction in DIRECTIONS}
        for index, start in enumerate(starts):
            for direction in DIRECTIONS:
                await self.pair(samples[direction], start, direction, api_first=index % 2 == 0)
        return samples

    async def pair(self, samples: Samples, start: str, direction: str, api_first: bool) -> None:
        api_call, driver_call = self.sides(start, direction)
        if api_first:
            api_ms, api = await timed(api_call)
            driver_ms, driver = await timed(driver_call)
        else:
            driver_ms, driver = await timed(driver_call)
            api_ms, api = await timed(api_call)
        samples.api.append(api_ms)
        samples.driver.append(driver_ms)
        samples.nodes.append(len(driver.nodes))
        samples.mismatches.extend(f"{start} {direction}: {d}" for d in api.differences(driver))
