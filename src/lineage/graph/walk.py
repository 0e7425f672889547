"""Lineage walks: breadth-first, each node at its shortest distance.

`upstream` follows GENERATED_FROM, USES_FRAME and REGENERATES to what things came
from; `downstream` follows them backwards to what was built from them. The walk
looks one level past `depth` only to tell whether the limit cut anything off.

A walk of depth up to `ONE_QUERY_MAX_DEPTH` is one Cypher query (both directions
at once); a deeper one (only when the configured maximum allows it) runs one query
per level, because a Cypher path quantifier's bound must be a literal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from lineage.db.store import Store
from lineage.errors import InvalidInputError, LimitExceededError, NotFoundError

STEP_QUERY = {"upstream": "lineage/upstream_step", "downstream": "lineage/downstream_step"}
ONE_QUERY_MAX_DEPTH = 10  # lineage/find_subgraph walks at most 11 steps: depth + 1


class Direction(Enum):
    UPSTREAM = "upstream"
    DOWNSTREAM = "downstream"
    BOTH = "both"


@dataclass
class LineageNode:
    id: str
    labels: list[str]
    properties: dict[str, Any]
    distance: int


@dataclass
class LineageGraph:
    root_id: str
    nodes: dict[str, LineageNode] = field(default_factory=dict)
    edges: list[dict[str, Any]] = field(default_factory=list)  # {fromId, toId, type, properties}
    truncated: bool = False

    def merge(self, other: LineageGraph) -> None:
        for key, node in other.nodes.items():
            if key not in self.nodes or node.distance < self.nodes[key].distance:
                self.nodes[key] = node
        self.edges += other.edges  # the directions share no relationship (no cycles)
        self.truncated = self.truncated or other.truncated


def check_depth(depth: int, maximum: int) -> None:
    if depth < 1:
        raise InvalidInputError(f"depth must be at least 1, got {depth}")
    if depth > maximum:
        raise LimitExceededError(f"depth {depth} is over the maximum of {maximum}")


async def walk(
    store: Store, node_id: str, direction: Direction, depth: int
) -> list[dict[str, Any]]:
    """The subgraph around `node_id`, `depth` (at most `ONE_QUERY_MAX_DEPTH`) steps in
    `direction`, as lineage/find_subgraph's rows: one a direction (upstream alone by
    lineage/find_upstream, the same walk without the other direction's branch)."""
    if direction is Direction.UPSTREAM:
        rows = await store.read("lineage/find_upstream", id=node_id, depth=depth)
    else:
        rows = await store.read(
            "lineage/find_subgraph",
            id=node_id,
            depth=depth,
            upstream=direction is Direction.BOTH,
            downstream=True,
        )
    if not rows:
        raise NotFoundError(f"no asset, prompt or workflow run with id {node_id!r}")
    return rows


async def walk_by_levels(
    store: Store, node_id: str, direction: Direction, depth: int
) -> LineageGraph:
    """The same walk, one query per level: for depths past one query's reach."""
    rows = await store.read("lineage/find_start", id=node_id)
    if not rows:
        raise NotFoundError(f"no asset, prompt or workflow run with id {node_id!r}")
    start = rows[0]
    graph = LineageGraph(root_id=node_id)
    ways = ["upstream", "downstream"] if direction is Direction.BOTH else [direction.value]
    for way in ways:
        graph.merge(await _walk_one_way(store, start, way, depth))
    return graph


async def _walk_one_way(store: Store, start: dict[str, Any], way: str, depth: int) -> LineageGraph:
    graph = LineageGraph(root_id=start["id"])
    graph.nodes[start["key"]] = LineageNode(start["id"], start["labels"], start["properties"], 0)
    frontier = [start["key"]]
    for distance in range(1, depth + 2):
        if not frontier:
            break
        rows = await store.read(STEP_QUERY[way], keys=frontier)
        frontier = _absorb(graph, rows, distance, depth)
    return graph


def _absorb(
    graph: LineageGraph, rows: list[dict[str, Any]], distance: int, depth: int
) -> list[str]:
    """Add one level's rows; return the next frontier (empty past the depth limit)."""
    frontier: list[str] = []
    for row in rows:
        if row["key"] not in graph.nodes:
            if distance > depth:
                graph.truncated = True
                continue
            graph.nodes[row["key"]] = LineageNode(
                row["id"], row["labels"], row["properties"], distance
            )
            frontier.append(row["key"])
        graph.edges.append(row["edge"])  # each relationship once: from its frontier node
    return frontier if distance <= depth else []
