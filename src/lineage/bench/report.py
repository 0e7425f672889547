"""The benchmark's result: a rich table for people, JSON for machines."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

from lineage.bench.generate import GraphSummary
from lineage.bench.measure import SIDES, Samples, stats

# CPU a request, client and server (Neo4j's not), shown by side
CPU_ROWS = {
    "api": "API, client + server",
    "typed": "typed, client + server",
    "rows": "rows over HTTP, client + server",
    "driver": "driver, client",
}
AIM = 1.25  # the aim for `graph`: at most 1.25x the driver's time at p50


@dataclass
class DirectionResult:
    """`api` is `lineage { graph }`, `typed` the typed `nodes` and `edges`, `rows` the
    driver's rows served over HTTP by a bare app (`lineage.bench.rows`: the lineage
    floor), `floor` the cheapest request (`{ __typename }`); ratios are over the driver's
    times (`over_rows`: `api` over `rows`), `overhead_ms` is `api` minus the driver.
    CPU (ms a request): `server_cpu` the answering process's, `client_cpu` the measuring
    thread's (the driver's side decodes its rows there), `cpu` both (Neo4j's not)."""

    direction: str
    api: dict[str, float]
    typed: dict[str, float]
    driver: dict[str, float]
    rows: dict[str, float]
    floor: dict[str, float]
    ratio: dict[str, float]
    typed_ratio: dict[str, float]
    rows_ratio: dict[str, float]
    over_rows: dict[str, float]
    server_cpu: dict[str, dict[str, float]]  # by side answered over HTTP
    client_cpu: dict[str, dict[str, float]]  # by side
    cpu: dict[str, dict[str, float]]  # by side: client + server, a request
    overhead_ms: dict[str, float]
    nodes_p50: float
    mismatches: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, direction: str, samples: Samples) -> DirectionResult:
        api, typed, driver, rows, floor = (stats(samples.times[side]) for side in SIDES)
        return cls(
            direction=direction,
            api=api,
            typed=typed,
            driver=driver,
            rows=rows,
            floor=floor,
            ratio={k: api[k] / driver[k] for k in api},
            typed_ratio={k: typed[k] / driver[k] for k in typed},
            rows_ratio={k: rows[k] / driver[k] for k in rows},
            over_rows={k: api[k] / rows[k] for k in api},
            server_cpu={side: stats(ms) for side, ms in samples.cpu.items() if ms},
            client_cpu={side: stats(ms) for side, ms in samples.client_cpu.items()},
            cpu={side: stats(_both(samples, side)) for side in SIDES},
            overhead_ms={k: api[k] - driver[k] for k in api},
            nodes_p50=statistics.median(samples.nodes),
            mismatches=samples.mismatches,
        )


@dataclass
class BenchReport:
    graph: GraphSummary
    runs: int
    depth: int
    warmup: int
    neo4j: str
    results: list[DirectionResult]

    @property
    def mismatches(self) -> list[str]:
        return [m for result in self.results for m in result.mismatches]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def render(self, console: Console) -> None:
        console.print(self.table())
        for mismatch in self.mismatches[:20]:
            console.print(f"[red]mismatch:[/red] {mismatch}", highlight=False)
        if not self.mismatches:
            console.print(
                "API, rows over HTTP and driver returned the same nodes, distances and edges."
            )

    def table(self) -> Table:
        graph = self.graph
        nodes = sum(graph.nodes.values())
        origin = f"generated in {graph.seconds:.1f}s" + (", reused" if graph.reused else "")
        table = Table(
            title=(
                f"lineage(id, direction, depth: {self.depth}) {{ graph }}: GraphQL API "
                "(uvicorn in its own process) vs the neo4j driver"
            ),
            caption=(
                f"graph: {graph.assets:,} assets, {nodes:,} nodes, "
                f"{sum(graph.relationships.values()):,} relationships, seed {graph.seed}, "
                f"{origin}; {self.runs} starts, warm-up {self.warmup}; "
                f"{self.neo4j}"
            ),
        )
        table.add_column("direction")
        table.add_column("measure")
        for column in ("p50", "p95", "mean"):
            table.add_column(column, justify="right")
        for result in self.results:
            self._add_rows(table, result)
        return table

    @staticmethod
    def _add_rows(table: Table, result: DirectionResult) -> None:
        label = f"{result.direction} ({result.nodes_p50:.0f} nodes p50)"
        table.add_row(label, "GraphQL API (ms)", *_ms(result.api))
        table.add_row("", "driver (ms)", *_ms(result.driver))
        table.add_row("", "API / driver", *(_ratio(v) for v in result.ratio.values()))
        table.add_row("", "API overhead (ms)", *(f"{v:+.2f}" for v in result.overhead_ms.values()))
        table.add_row("", "rows over HTTP (ms)", *_ms(result.rows))
        table.add_row("", "rows over HTTP / driver", *_times(result.rows_ratio))
        table.add_row("", "API / rows over HTTP", *_times(result.over_rows))
        table.add_row("", "{ __typename } (ms)", *_ms(result.floor), style="dim")
        table.add_row("", "typed nodes/edges (ms)", *_ms(result.typed), style="dim")
        for side, name in CPU_ROWS.items():
            table.add_row("", f"CPU: {name} (ms)", *_ms(result.cpu[side]), style="dim")
        table.add_row(
            "", "typed / driver", *(f"{v:.2f}x" for v in result.typed_ratio.values()),
            style="dim", end_section=True,
        )  # fmt: skip


def _ms(values: dict[str, float]) -> list[str]:
    return [f"{v:.2f}" for v in values.values()]


def _both(samples: Samples, side: str) -> list[float]:
    """The client's and the server's CPU of each request of `side`."""
    served = samples.cpu[side] or [0.0] * len(samples.client_cpu[side])
    pairs = zip(samples.client_cpu[side], served, strict=True)
    return [client + server for client, server in pairs]


def _times(ratios: dict[str, float]) -> list[str]:
    return [f"{v:.2f}x" for v in ratios.values()]


def _ratio(value: float) -> str:
    colour = "green" if value <= AIM else "red"
    return f"[{colour}]{value:.2f}x[/{colour}]"
