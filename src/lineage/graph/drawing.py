"""A walked lineage subgraph as plain JSON, ready to draw (the `lineage { graph }` field).

Nodes are ordered by distance then id, edges by (fromId, toId, type, role): the same
order, names and values as the typed `nodes` and `edges` fields. Every relationship
is an edge: a video whose start and end frame are one image has two. Nodes show their
properties but the internal ones.

Every enum value is spelled as the GraphQL schema spells it: a node's `kind` (ASSET,
HUMAN_PROMPT...), an asset's `type` and `status`, a prompt's `kind`, a run's `status`
and a frame's `role` (VIDEO, READY, HUMAN, START), although Neo4j stores them in lower
case. The JSON Schema of a drawing is `docs/lineage-graph.schema.json`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from typing import Any

from lineage.assets.models import AssetStatus, FrameRole
from lineage.db.store import Store
from lineage.graph.walk import ONE_QUERY_MAX_DEPTH, Direction, LineageGraph, walk, walk_by_levels
from lineage.models import AssetType
from lineage.prompts.models import PromptKind
from lineage.workflows.models import WorkflowStatus

# A node's kind by the first of its labels found here (the GraphQL enum LineageNodeKind).
KINDS = {
    "Asset": "ASSET",
    "HumanPrompt": "HUMAN_PROMPT",
    "MachinePrompt": "MACHINE_PROMPT",
    "Prompt": "PROMPT",
    "Workflow": "WORKFLOW",
}
# The properties holding an enum value, by node kind (and `role` of frame edges).
ENUM_PROPERTIES: dict[str, dict[str, type[StrEnum]]] = {
    "ASSET": {"type": AssetType, "status": AssetStatus},
    "HUMAN_PROMPT": {"kind": PromptKind},
    "MACHINE_PROMPT": {"kind": PromptKind},
    "PROMPT": {"kind": PromptKind},
    "WORKFLOW": {"status": WorkflowStatus},
}
EDGE_ENUM_PROPERTIES: dict[str, type[StrEnum]] = {"role": FrameRole}
# Stored for the service's own use, never shown: the params' JSON (an asset's `params`
# gives them decoded) and when an attempt became current (orders the current versions).
INTERNAL_PROPERTIES = frozenset({"paramsJson", "currentSince"})


def kind_of(labels: list[str]) -> str:
    return _kind(tuple(labels))


@lru_cache(maxsize=64)
def _kind(labels: tuple[str, ...]) -> str:
    return next((kind for label, kind in KINDS.items() if label in labels), "OTHER")


def graphql_spelling(enum: type[StrEnum], value: Any) -> Any:
    """A stored enum value as GraphQL spells it ("video" -> "VIDEO"); others as they are."""
    return next((member.name for member in enum if member.value == value), value)


# A drawn node's and a drawn edge's keys, in their order (the typed fields' order).
NODE_KEYS = ("id", "kind", "labels", "distance", "properties")
EDGE_KEYS = ("fromId", "toId", "type", "properties")
# A walked node [id, labels, properties, distance] or edge [fromId, toId, type, properties].
Walked = Sequence[Any]
DISTANCE = 3  # a walked node's distance

EDGE = "edge"  # the spellings' key of edges, beside the kinds of nodes
SPELLINGS: dict[str, dict[str, dict[str, str]]] = {
    kind: {key: {m.value: m.name for m in enum} for key, enum in enums.items()}
    for kind, enums in {**ENUM_PROPERTIES, EDGE: EDGE_ENUM_PROPERTIES}.items()
}


@lru_cache(maxsize=1024)
def _reshaping(
    keys: tuple[str, ...], kind: str
) -> tuple[tuple[str, ...], tuple[tuple[str, dict[str, str]], ...]]:
    """(the keys not shown, (key, its spellings) of the enum ones) of a property map with
    `keys` of a `kind` of node (or EDGE): maps of one kind share a few key sets."""
    hidden = tuple(key for key in keys if key in INTERNAL_PROPERTIES or key.startswith("__"))
    spellings = SPELLINGS.get(kind, {})
    return hidden, tuple((key, spellings[key]) for key in keys if key in spellings)


def _spelled(properties: dict[str, Any], kind: str) -> dict[str, Any]:
    """`properties` (the walk's own map, changed in place) without the internal ones,
    enum values spelled as GraphQL spells them (`graphql_spelling`, looked up)."""
    hidden, enums = _reshaping(tuple(properties), kind)
    for key in hidden:
        del properties[key]
    for key, names in enums:
        value = properties[key]
        if isinstance(value, str):
            properties[key] = names.get(value, value)
    return properties


async def draw_lineage(
    store: Store, node_id: str, direction: Direction, depth: int
) -> dict[str, Any]:
    """The subgraph around `node_id`, drawn: one query up to `ONE_QUERY_MAX_DEPTH`, whose
    rows hold each node as [id, labels, properties, distance] and each edge as [fromId,
    toId, type, properties] (one row a direction, each with the root at distance 0)."""
    if depth > ONE_QUERY_MAX_DEPTH:
        return drawing(await walk_by_levels(store, node_id, direction, depth))
    first, *others = await walk(store, node_id, direction, depth)
    nodes = first["nodes"] + [n for row in others for n in row["nodes"] if n[DISTANCE] > 0]
    edges = [edge for row in (first, *others) for edge in row["edges"]]
    truncated = any(row["truncated"] for row in (first, *others))
    return _drawn(node_id, truncated, nodes, edges)


def drawing(graph: LineageGraph) -> dict[str, Any]:
    """The same drawing of a walk by levels."""
    nodes = [(n.id, n.labels, n.properties, n.distance) for n in graph.nodes.values()]
    edges = [(e["fromId"], e["toId"], e["type"], e["properties"]) for e in graph.edges]
    return _drawn(graph.root_id, graph.truncated, nodes, edges)


def _drawn(
    root_id: str, truncated: bool, walked_nodes: Sequence[Walked], walked_edges: Sequence[Walked]
) -> dict[str, Any]:
    """`{rootId, truncated, nodes: [{id, kind, labels, distance, properties}],
    edges: [{fromId, toId, type, properties}]}` (`NODE_KEYS`, `EDGE_KEYS`), in drawing
    order, from the walk's nodes and edges."""
    nodes = []
    for node_id, labels, properties, distance in walked_nodes:
        kind = kind_of(labels)
        spelled = _spelled(properties, kind)
        nodes.append(
            {
                "id": node_id,
                "kind": kind,
                "labels": labels,
                "distance": distance,
                "properties": spelled,
            }
        )
    edges = [  # most have no properties (GENERATED_FROM): nothing to reshape
        {
            "fromId": from_id,
            "toId": to_id,
            "type": edge_type,
            "properties": _spelled(properties, EDGE) if properties else properties,
        }
        for from_id, to_id, edge_type, properties in walked_edges
    ]
    nodes.sort(key=lambda n: (n["distance"], n["id"]))
    edges.sort(key=_edge_order)
    return {"rootId": root_id, "truncated": truncated, "nodes": nodes, "edges": edges}


def _edge_order(edge: dict[str, Any]) -> tuple[str, str, str, str]:
    return edge["fromId"], edge["toId"], edge["type"], str(edge["properties"].get("role", ""))
