"""A walked lineage subgraph as plain JSON, ready to draw (the `lineage { graph }` field).

Nodes are ordered by distance then id, edges by (fromId, toId, type): the same
order, names and values as the typed `nodes` and `edges` fields.
"""

from __future__ import annotations

import heapq
from typing import Any

from lineage.db.store import Store
from lineage.graph.walk import ONE_QUERY_MAX_DEPTH, Direction, LineageGraph, walk, walk_by_levels

KINDS = ("Asset", "HumanPrompt", "MachinePrompt", "Prompt", "Workflow", "Project")


def kind_of(labels: list[str]) -> str:
    return next((k for k in KINDS if k in labels), labels[0] if labels else "Node")


async def draw_lineage(
    store: Store, node_id: str, direction: Direction, depth: int
) -> dict[str, Any]:
    """The subgraph around `node_id`, drawn: one query up to `ONE_QUERY_MAX_DEPTH`, whose
    rows come ordered and shaped (nothing to build per node but its kind)."""
    if depth > ONE_QUERY_MAX_DEPTH:
        return drawing(await walk_by_levels(store, node_id, direction, depth))
    rows = await walk(store, node_id, direction, depth)
    for row in rows:
        for node in row["nodes"]:
            node["kind"] = kind_of(node["labels"])
    return {
        "rootId": node_id,
        "truncated": any(row["truncated"] for row in rows),
        "nodes": _merged_nodes([row["nodes"] for row in rows]),
        "edges": list(heapq.merge(*(row["edges"] for row in rows), key=_edge_order)),
    }


def _merged_nodes(ordered: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Both directions' nodes in one order; the root, reached both ways, once."""
    if len(ordered) == 1:
        return ordered[0]
    up, down = ordered
    return list(heapq.merge(up, down[1:], key=lambda n: (n["distance"], n["id"])))


def _edge_order(edge: dict[str, Any]) -> tuple[str, str, str]:
    return edge["fromId"], edge["toId"], edge["type"]


def drawing(graph: LineageGraph) -> dict[str, Any]:
    """`{rootId, truncated, nodes: [{id, kind, labels, distance, properties}],
    edges: [{fromId, toId, type, properties}]}`."""
    nodes = sorted(graph.nodes.values(), key=lambda n: (n.distance, n.id))
    return {
        "rootId": graph.root_id,
        "truncated": graph.truncated,
        "nodes": [
            {
                "id": n.id,
                "kind": kind_of(n.labels),
                "labels": n.labels,
                "distance": n.distance,
                "properties": n.properties,
            }
            for n in nodes
        ],
        "edges": [
            {"fromId": f, "toId": t, "type": ty, "properties": p}
            for (f, t, ty), p in sorted(graph.edges.items())
        ],
    }
