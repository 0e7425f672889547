"""A walked lineage subgraph as plain JSON, ready to draw (the `lineage { graph }` field).

Nodes are ordered by distance then id, edges by (fromId, toId, type): the same
order, names and values as the typed `nodes` and `edges` fields.
"""

from __future__ import annotations

from typing import Any

from lineage.graph.walk import LineageGraph

KINDS = ("Asset", "HumanPrompt", "MachinePrompt", "Prompt", "Workflow", "Project")


def kind_of(labels: list[str]) -> str:
    return next((k for k in KINDS if k in labels), labels[0] if labels else "Node")


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
