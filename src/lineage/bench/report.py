"""The benchmark's result: a rich table for people, JSON for machines."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field
from typing import Any

from rich.console import Console
from rich.table import Table

from lineage.bench.generate import GraphSummary
from lineage.bench.measure import Samples, stats

AIM = 1.3  # the aim: the API adds under 30% to the driver's time


@dataclass
class DirectionResult:
    direction: str
    api: dict[str, float]
    driver: dict[str, float]
    ratio: dict[str, float]
    overhead_ms: dict[str, float]
    nodes_p50: float
    mismatches: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, direction: str, samples: Samples) -> DirectionResult:
        api, driver = stats(samples.api), stats(samples.driver)
        return cls(
            direction=direction,
            api=api,
            driver=driver,
            ratio={k: api[k] / driver[k] for k in api},
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
            console.print("API and driver returned the same nodes, distances and edges.")

    def table(self) -> Table:
        graph = self.graph
        nodes = sum(graph.nodes.values())
        origin = f"generated in {graph.seconds:.1f}s" + (", reused" if graph.reused else "")
        table = Table(
            title=f"lineage(id, direction, depth: {self.depth}): GraphQL API vs neo4j driver",
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
        table.add_row(label, "GraphQL API (ms)", *(f"{v:.2f}" for v in result.api.values()))
        table.add_row("", "driver (ms)", *(f"{v:.2f}" for v in result.driver.values()))
        table.add_row("", "API / driver", *(_ratio(v) for v in result.ratio.values()))
        table.add_row(
            "", "API overhead (ms)", *(f"{v:+.2f}" for v in result.overhead_ms.values()),
            end_section=True,
        )  # fmt: skip


def _ratio(value: float) -> str:
    colour = "green" if value <= AIM else "red"
    return f"[{colour}]{value:.2f}x[/{colour}]"
