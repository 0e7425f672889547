"""Which edges an import writes with the asset they leave, in the asset's own statement.

The legacy importer's floor creates each asset with its edges, one index seek an
edge (the target's), its batches ordered so that the targets exist. A bundle lists
its edges after the node they leave, so the node pass reads both members side by
side (`with_edges`) and writes an edge with the new asset it leaves when its target
is an asset that exists by then: one found here, or one created by a batch already
committed or by the same batch (its statement creates every node before it matches
targets). The others (towards a batch still being written, a later one, an outside
reference or a prompt) are left to the edge pass, which skips the edges marked
written here (`InlineEdges.written`). Whether the targets are there is decided from
what is committed, not from timing, and the statement's count of edges is checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lineage.bundles.planning import ImportPlan
from lineage.bundles.repository import Key

Line = dict[str, Any]
Numbered = tuple[int, Line]  # an edge's line number (from 0) and the edge


def with_edges(
    nodes: Iterator[Line], edges: Iterator[Line]
) -> Iterator[tuple[Line, list[Numbered]]]:
    """Each node with the edges that follow it in the edges member and leave it (all of
    them in a bundle, whose edges come in the order of the nodes they leave)."""
    numbered = enumerate(edges)
    pending = next(numbered, None)
    for node in nodes:
        key = (node["kind"], node["id"])
        own = []
        while pending is not None and _start(pending[1]) == key:
            own.append(pending)
            pending = next(numbered, None)
        yield node, own


def _start(edge: Line) -> Key:
    return edge["fromKind"], edge["from"]


class InlineEdges:
    """The edges written with the assets they leave: chosen batch by batch, marked by
    line number for the edge pass."""

    def __init__(self, plan: ImportPlan, references: set[Key], edges: int) -> None:
        self.plan = plan
        self.references = references
        self.written = bytearray(edges)
        self.batch_of: dict[str, int] = {}  # a new asset's id in the bundle -> its batch
        self.committed: set[int] = set()

    def begin(self, batch: int, assets: list[Line]) -> None:
        """Batch number `batch` is about to create `assets` (their lines in the bundle)."""
        for line in assets:
            self.batch_of[line["id"]] = batch

    def rows(self, batch: int, edges: list[Numbered]) -> list[dict[str, Any]]:
        """The edges of one new asset of `batch` that its statement writes (marked
        written); the others stay for the edge pass."""
        rows = []
        for number, edge in edges:
            if _to_project(edge):
                self.written[number] = True
            elif self._target_ready(edge, batch):
                self.written[number] = True
                to = self.plan.node_id("Asset", edge["to"])
                rows.append({"type": edge["type"], "to": to, "properties": _props(edge)})
        return rows

    def _target_ready(self, edge: Line, batch: int) -> bool:
        target = (edge["toKind"], edge["to"])
        if target[0] != "Asset" or target in self.references:
            return False
        if not self.plan.is_new(*target):
            return True  # found here before the import
        written_in = self.batch_of.get(edge["to"])
        return written_in == batch or written_in in self.committed


def _to_project(edge: Line) -> bool:
    """The edge to the project, which the asset's statement creates anyway."""
    return bool(edge["type"] == "PART_OF" and edge["toKind"] == "Project")


def _props(edge: Line) -> dict[str, Any]:
    properties: dict[str, Any] = edge.get("properties") or {}
    return properties
