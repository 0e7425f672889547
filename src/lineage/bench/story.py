"""`lineage bench-story`: Story Builder's pages through Lineage, through the official
`@neo4j/graphql` library (the peer) and as one hand-written Cypher statement (the
floor), on a small and a large project of one generated graph, in one run.

The generated projects (generate.py: 100-1000 assets each) are gathered into a
project of at least `large` assets and, from those left, one of at least `small`. Each page is
first checked to give the same data on every side (`pages.normalised` forms), then
timed interleaved after a warm-up: every run asks each page of each side once,
rotating which side goes first. The request floor (`floor.py`) is measured in the
same run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from rich.table import Table

from lineage.bench.floor import FloorResult, measure_floor
from lineage.bench.generate import ensure_generated
from lineage.bench.measure import stats
from lineage.bench.orphans import GATHERED, with_gathered_project, with_history
from lineage.bench.pages import Clients, PageSides, orphans_page, search_page, story_page
from lineage.bench.peer import PeerProcess
from lineage.bench.server import api_session
from lineage.db.store import Store
from lineage.errors import InvalidInputError, LineageError
from lineage.orphans.refresh import recompute_all
from lineage.runtime import open_store
from lineage.settings import Settings
from lineage.upgrades import migrate

SIDES = ("lineage", "peer", "floor")
SMALL = "BENCH-SMALL"


@dataclass(frozen=True)
class StoryOptions:
    large: int = 100_000
    small: int = 1_000
    runs: int = 100
    warmup: int = 20
    floor_runs: int = 2_000
    seed: int = 1
    words: str = "lighthouse watercolor"

    def check(self) -> None:
        if self.small < 100 or self.large < self.small:
            raise InvalidInputError("--small must be at least 100 and --large at least --small")
        if self.runs < 1 or self.warmup < 0 or self.floor_runs < 1:
            raise InvalidInputError("--runs and --floor-runs must be at least 1, --warmup 0")


@dataclass
class PageTimes:
    """One page's timings (ms) by side; the peer's stay empty when it cannot ask it."""

    name: str
    sides: PageSides
    times: dict[str, list[float]] = field(default_factory=lambda: {s: [] for s in SIDES})

    def row(self) -> dict[str, Any]:
        found = {side: stats(t) for side, t in self.times.items() if t}
        return {"page": self.name, **found}


@dataclass
class StoryReport:
    assets: int
    projects: dict[str, int]
    pages: list[dict[str, Any]]
    floor: FloorResult
    load: dict[str, tuple[float, float, float]]

    def to_json(self) -> dict[str, Any]:
        floor = {"lineage": self.floor.lineage, "bare": self.floor.bare, "ratio": self.floor.ratio}
        return {**self.__dict__, "floor": floor}


async def run_story_bench(
    settings: Settings, options: StoryOptions, log: Callable[[str], None] = lambda _: None
) -> StoryReport:
    """Prepare the graph on `settings`' Neo4j (WIPES it unless it holds the same graph),
    serve Lineage and the peer on it, check the pages agree, time them."""
    options.check()
    load_before = os.getloadavg()
    async with open_store(settings) as store:
        await migrate(store)
        total = options.large + 2 * options.small
        summary = await ensure_generated(store, total, options.seed)
        log(f"graph: {total:,} assets ({'reused' if summary.reused else 'generated'})")
        projects = await _projects(store, options)
        log(f"projects: {', '.join(f'{c} ({n:,} assets)' for c, n in projects.items())}")
        async with api_session(settings, store) as http:
            with PeerProcess(settings) as peer:
                async with aiohttp.ClientSession(peer.url) as peer_http:
                    clients = Clients(http, peer_http, store)
                    pages = _pages(clients, projects, options.words)
                    await check_agreement(pages)
                    log("every page gives the same data on every side; timing ...")
                    await _measure(pages, options)
            floor = await measure_floor(http, settings, options.floor_runs)
    return StoryReport(
        assets=total,
        projects=projects,
        pages=[page.row() for page in pages],
        floor=floor,
        load={"before": load_before, "after": os.getloadavg()},
    )


async def _projects(store: Store, options: StoryOptions) -> dict[str, int]:
    """The small and the large project's codes and sizes (both gathered from whole
    generated projects, the large first), orphans recomputed."""
    await with_gathered_project(store, options.large)
    await with_gathered_project(store, options.small, SMALL)
    await with_history(store)
    await recompute_all(store)
    [row] = await store.read("bench/list_project_sizes")
    sizes = dict(row["projects"])
    return {SMALL: sizes[SMALL], GATHERED: sizes[GATHERED]}


def _pages(clients: Clients, projects: dict[str, int], words: str) -> list[PageTimes]:
    pages = []
    for code, size in projects.items():
        pages.append(PageTimes(f"Story Builder, {size:,} assets", story_page(clients, code)))
    for code, size in projects.items():
        pages.append(PageTimes(f"orphans, {size:,} assets", orphans_page(clients, code)))
    pages.append(PageTimes(f"search {words!r}", search_page(clients, words)))
    return pages


async def check_agreement(pages: list[PageTimes]) -> None:
    """Every side's data equals the floor's, else a LineageError saying where."""
    for page in pages:
        floor = await page.sides.floor()
        if not floor:
            raise LineageError(f"{page.name}: the floor found nothing; the page proves nothing")
        for side, fetch in (("lineage", page.sides.lineage), ("peer", page.sides.peer)):
            if fetch is not None and (found := await fetch()) != floor:
                raise LineageError(
                    f"{page.name}: {side} differs from the floor: {_first_difference(found, floor)}"
                )


def _first_difference(found: Any, floor: Any) -> str:
    if isinstance(found, list) and isinstance(floor, list):
        for index, (mine, theirs) in enumerate(zip(found, floor, strict=False)):
            if mine != theirs:
                return f"item {index}: {mine!r} != {theirs!r}"
        return f"{len(found)} items, the floor has {len(floor)}"
    return f"{found!r} != {floor!r}"


async def _measure(pages: list[PageTimes], options: StoryOptions) -> None:
    for run in range(options.warmup + options.runs):
        for page in pages:
            sides = [(s, f) for s, f in zip(SIDES, _fetches(page.sides), strict=True) if f]
            shift = run % len(sides)
            for side, fetch in sides[shift:] + sides[:shift]:
                started = time.perf_counter()
                await fetch()
                if run >= options.warmup:
                    page.times[side].append((time.perf_counter() - started) * 1000)


def _fetches(sides: PageSides) -> tuple[Any, Any, Any]:
    return sides.lineage, sides.peer, sides.floor


def story_table(report: StoryReport) -> Table:
    """p50/p95 (ms) of each page on each side, with Lineage's ratios to the floor and peer."""
    table = Table(
        title=f"Story Builder's pages on {report.assets:,} assets, ms (p50 / p95)",
        caption="floor: one Cypher statement via the driver; for { __typename }, a bare "
        "Starlette app serving strawberry's view of the same schema. peer: @neo4j/graphql.",
    )
    for column in ("page", "Lineage", "peer", "floor", "Lineage / floor", "Lineage / peer"):
        table.add_column(column, justify="left" if column == "page" else "right")
    for row in report.pages:
        lineage, floor, peer = row["lineage"], row["floor"], row.get("peer")
        table.add_row(
            row["page"],
            _pair(lineage),
            _pair(peer) if peer else "-",
            _pair(floor),
            _ratios(lineage, floor),
            _ratios(lineage, peer) if peer else "-",
        )
    floor = report.floor
    table.add_row(
        "{ __typename }",
        _pair(floor.lineage),
        "-",
        _pair(floor.bare),
        _ratios(floor.lineage, floor.bare),
        "-",
    )
    return table


def load_line(report: StoryReport) -> str:
    before, after = (", ".join(f"{x:.2f}" for x in report.load[k]) for k in ("before", "after"))
    return f"load average (1, 5, 15 min): {before} before, {after} after"


def _pair(figures: dict[str, float]) -> str:
    return f"{_ms(figures['p50'])} / {_ms(figures['p95'])}"


def _ms(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _ratios(mine: dict[str, float], other: dict[str, float]) -> str:
    return f"{mine['p50'] / other['p50']:.2f}x / {mine['p95'] / other['p95']:.2f}x"
