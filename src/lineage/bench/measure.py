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

import aiohttp
import orjson
from neo4j import READ_ACCESS, Record

from lineage.bench.server import ChildServer, Served
from lineage.db import cypher
from lineage.db.store import Store, translated_errors
from lineage.errors import LineageError

LINEAGE_QUERY = """query Lineage($id: ID!, $direction: LineageDirection!, $depth: Int!) {
  lineage(id: $id, direction: $direction, depth: $depth) { graph }
}"""
TYPED_QUERY = """query Lineage($id: ID!, $direction: LineageDirection!, $depth: Int!) {
  lineage(id: $id, direction: $direction, depth: $depth) {
    rootId truncated
    nodes { id kind labels distance properties }
    edges { fromId toId type properties }
  }
}"""
FLOOR_QUERY = "{ __typename }"
DRIVER_QUERY = {"UPSTREAM": "bench/lineage_upstream", "BOTH": "bench/lineage_both"}
DIRECTIONS = tuple(DRIVER_QUERY)
ROWS_PATH = "/lineage-rows"  # the rows app's (`lineage.bench.rows`)


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


async def post(http: aiohttp.ClientSession, query: str, **variables: Any) -> dict[str, Any]:
    """One GraphQL request over real HTTP; its `data`. aiohttp, not httpx: httpx alone adds
    about 2 ms to every request here, which is the client's cost, not the API's."""
    async with http.post("/graphql", json={"query": query, "variables": variables}) as response:
        content = await response.read()
    body = orjson.loads(content)
    if response.status != 200 or body.get("errors"):
        raise LineageError(f"the API failed: {content[:300]!r}")
    data: dict[str, Any] = body["data"]
    return data


async def fetch_api(
    http: aiohttp.ClientSession, start: str, direction: str, depth: int, typed: bool = False
) -> dict[str, Any]:
    """`lineage { graph }` (what the README recommends for drawing), or the typed fields:
    the subgraph as Python data, `nodes`, `edges` and `truncated`."""
    query = TYPED_QUERY if typed else LINEAGE_QUERY
    lineage = (await post(http, query, id=start, direction=direction, depth=depth))["lineage"]
    return dict(lineage if typed else lineage["graph"])


async def round_trip(http: aiohttp.ClientSession) -> None:
    """`{ __typename }`: what any request costs (HTTP, API-key check, GraphQL), the floor."""
    await post(http, FLOOR_QUERY)


async def fetch_driver(store: Store, start: str, direction: str, depth: int) -> list[Record]:
    """The plain Cypher of `cypher/bench/`, straight through the driver, in an implicit
    transaction (one round trip), as the API's reads run."""
    params = {"id": start, "depth": depth}
    async with (
        translated_errors(),
        store.driver.session(database=store.database, default_access_mode=READ_ACCESS) as session,
    ):
        result = await session.run(cypher.load(DRIVER_QUERY[direction]), params)
        records = [record async for record in result]
    if not records:
        raise LineageError(f"no asset with id {start!r}")
    return records


async def fetch_rows(
    http: aiohttp.ClientSession, start: str, direction: str, depth: int
) -> list[dict[str, Any]]:
    """The driver side's rows through the rows app (`lineage.bench.rows`), as Python data."""
    asked = {"id": start, "direction": direction, "depth": depth}
    async with http.post(ROWS_PATH, json=asked) as response:
        content = await response.read()
    if response.status != 200:
        raise LineageError(f"the rows app failed: {content[:300]!r}")
    rows: list[dict[str, Any]] = orjson.loads(content)
    return rows


def api_traversal(lineage: dict[str, Any]) -> Traversal:
    return Traversal.of(lineage["nodes"], lineage["edges"], lineage["truncated"])


def driver_traversal(records: list[Record] | list[dict[str, Any]]) -> Traversal:
    nodes = [node for record in records for node in record["nodes"]]
    edges = [edge for record in records for edge in record["edges"]]
    return Traversal.of(nodes, edges, any(record["truncated"] for record in records))


@dataclass(frozen=True)
class Side:
    """`fetch` is timed (until the answer is Python data); `answer`, what is compared, not;
    `server`, the process answering over HTTP (its CPU a request is counted), if any."""

    fetch: Callable[[], Awaitable[Any]]
    answer: Callable[[Any], Traversal | None] = lambda _: None
    server: ChildServer | None = None


# lineage { graph }, typed nodes and edges, the driver, the driver's rows over HTTP (the
# lineage floor), and the request floor: { __typename }
SIDES = ("api", "typed", "driver", "rows", "floor")


@dataclass
class Samples:
    """One direction's timings (ms) by side, paired by start, and what did not match;
    `cpu` (ms), the CPU a request of the side's server, `client_cpu` (ms) the measuring
    thread's."""

    times: dict[str, list[float]] = field(default_factory=lambda: {side: [] for side in SIDES})
    cpu: dict[str, list[float]] = field(default_factory=lambda: {side: [] for side in SIDES})
    client_cpu: dict[str, list[float]] = field(default_factory=lambda: {side: [] for side in SIDES})
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


class Comparison:
    """Runs every side on each start, rotating which goes first (none always warms another)."""

    def __init__(self, api: Served, rows: Served, store: Store, depth: int) -> None:
        """`api`: the API served, `rows`: the rows app (`lineage.bench.rows`)."""
        self.api, self.rows, self.store, self.depth = api, rows, store, depth

    def sides(self, start: str, direction: str) -> dict[str, Side]:
        http, server, rows, depth = self.api.http, self.api.server, self.rows, self.depth
        return {
            "api": Side(lambda: fetch_api(http, start, direction, depth), api_traversal, server),
            "typed": Side(
                lambda: fetch_api(http, start, direction, depth, True), api_traversal, server
            ),
            "driver": Side(
                lambda: fetch_driver(self.store, start, direction, depth), driver_traversal
            ),
            "rows": Side(
                lambda: fetch_rows(rows.http, start, direction, depth),
                driver_traversal,
                rows.server,
            ),
            "floor": Side(lambda: round_trip(http), server=server),
        }

    async def warm_up(self, starts: list[str]) -> None:
        for start in starts:
            for direction in DIRECTIONS:
                for side in self.sides(start, direction).values():
                    await side.fetch()

    async def preload(self, starts: list[str]) -> None:
        """Read every start's neighbourhood once, so no measured call pays for cold pages."""
        for start in starts:
            await fetch_driver(self.store, start, "BOTH", self.depth)

    async def run(self, starts: list[str]) -> dict[str, Samples]:
        samples = {direction: Samples() for direction in DIRECTIONS}
        for index, start in enumerate(starts):
            for direction in DIRECTIONS:
                await self.measure(samples[direction], start, direction, first=index)
        return samples

    async def measure(self, samples: Samples, start: str, direction: str, first: int) -> None:
        """Each side once on `start`, beginning with side number `first` (modulo)."""
        sides = list(self.sides(start, direction).items())
        shift = first % len(sides)
        answers: dict[str, Traversal] = {}
        for name, side in sides[shift:] + sides[:shift]:
            served = side.server.cpu_ns() if side.server else 0
            client = time.thread_time_ns()
            started = time.perf_counter()
            data = await side.fetch()
            samples.times[name].append((time.perf_counter() - started) * 1000)
            samples.client_cpu[name].append((time.thread_time_ns() - client) / 1e6)
            if side.server:
                samples.cpu[name].append((side.server.cpu_ns() - served) / 1e6)
            if (answer := side.answer(data)) is not None:
                answers[name] = answer
        driver = answers.pop("driver")
        samples.nodes.append(len(driver.nodes))
        for name, answer in answers.items():
            found = answer.differences(driver)
            samples.mismatches.extend(f"{start} {direction} ({name}): {d}" for d in found)
