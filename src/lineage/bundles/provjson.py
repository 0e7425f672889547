"""The bundle's graph as a W3C PROV-JSON document, streamed.

Assets and prompts are entities, workflow runs activities (their start and end
times), a project a collection with its members (`hadMember`); GENERATED_FROM and
USES_FRAME are derivations (a frame's role and position kept, typed
`lineage:Frame`), GENERATED_FROM a run is a generation, REGENERATES a revision (a
derivation typed `prov:Revision`). A record is named after its node
(`lineage:asset/<id>`) and says what PROV says of it (its type, an activity's
times; `lineage:reference` for an outside reference): the node's properties are in
`graph/nodes.jsonl` only (format version 3; version 2 repeated every property as an
attribute `lineage:<name>`, more than half the bundle's graph bytes). A relation
keeps its edge's own properties (lists as JSON text) and is named
`lineage:edge/<n>`, n counting the edges in bundle order.

The `prov` package holds a whole document in memory as objects (about a
millisecond per record: 100k assets took minutes), so the document is written
here, a few records at a time, in the layout and literal encoding `prov` writes; the
tests read it back with `prov` and compare it with the document `prov` builds
from the same graph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import orjson

NAMESPACE = "urn:lineage:"
FLUSH = 1024 * 1024
SECTIONS = ("entity", "activity", "wasGeneratedBy", "wasDerivedFrom", "hadMember")
Line = dict[str, Any]


class Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


def node_name(kind: str, node_id: str) -> str:
    return f"lineage:{kind.lower()}/{node_id}"


def literal(value: Any) -> Any:
    """A value as PROV-JSON writes it: strings and booleans plain, numbers typed, lists
    as JSON text."""
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return {"$": str(value), "type": "xsd:int"}
    if isinstance(value, float):
        return {"$": repr(value), "type": "xsd:double"}
    return json.dumps(value)


def qname(name: str) -> dict[str, str]:
    return {"$": name, "type": "xsd:QName"}


def attributes(properties: dict[str, Any]) -> dict[str, Any]:
    """Every property of an edge but nulls as `lineage:<name>` (lists as JSON text), in
    the order of `properties` (the lines carry them in key order); strings taken as they
    are without a call."""
    return {
        "lineage:" + key: value if type(value) is str else literal(value)
        for key, value in properties.items()
        if value is not None
    }


REVISION, FRAME = qname("prov:Revision"), qname("lineage:Frame")


ENTITY_TYPES = {
    kind: qname("prov:Collection" if kind == "Project" else f"lineage:{kind}")
    for kind in ("Project", "Asset", "Prompt")
}


def node_record(node: Line) -> tuple[str, str, dict[str, Any]]:
    """(section, name, attributes) of a node, the attributes in key order."""
    kind, name = node["kind"], node_name(node["kind"], node["id"])
    attrs: dict[str, Any] = {"lineage:reference": True} if node.get("reference") else {}
    if kind == "Workflow":
        props = node["properties"]
        for prov_name, name_here in (
            ("prov:endTime", "finishedAt"),
            ("prov:startTime", "startedAt"),
        ):
            if props.get(name_here):
                attrs[prov_name] = _time(props[name_here])
        return "activity", name, attrs
    attrs["prov:type"] = ENTITY_TYPES[kind]
    return "entity", name, attrs


def edge_record(number: int, edge: Line) -> tuple[str, str, dict[str, Any]] | None:
    """(section, name, attributes) of an edge (None: a workflow's PART_OF, not a
    membership), the attributes in key order (the edge's own, `lineage:`, before `prov:`)."""
    name = f"lineage:edge/{number}"
    source = node_name(edge["fromKind"], edge["from"])
    target = node_name(edge["toKind"], edge["to"])
    kind = edge["type"]
    if kind == "PART_OF":
        if edge["fromKind"] == "Workflow":
            return None
        return "hadMember", name, {"prov:collection": target, "prov:entity": source}
    if kind == "REGENERATES":  # its properties are not the revision's
        return (
            "wasDerivedFrom",
            name,
            {
                "prov:generatedEntity": source,
                "prov:type": REVISION,
                "prov:usedEntity": target,
            },
        )
    properties = edge.get("properties")
    attrs = attributes(properties) if properties else {}
    if edge["toKind"] == "Workflow":
        attrs["prov:activity"], attrs["prov:entity"] = target, source
        return "wasGeneratedBy", name, attrs
    attrs["prov:generatedEntity"] = source
    if kind == "USES_FRAME":
        attrs["prov:type"] = FRAME
    attrs["prov:usedEntity"] = target
    return "wasDerivedFrom", name, attrs


def _time(text: str) -> str:
    """An ISO time as `prov` writes one (`+00:00`, not `Z`)."""
    return text.replace("Z", "+00:00")


class ProvWriter:
    """Takes nodes and edges a batch at a time, in bundle order; each batch's records are
    encoded in one call per section (their attributes come in key order, so nothing is
    sorted) and spooled to that section's file through a buffer; `write` streams the
    whole document."""

    def __init__(self, folder: Path) -> None:
        self.parts = {s: (folder / f"prov-{s}.part").open("w+b") for s in SECTIONS}
        self.buffers = {s: bytearray() for s in SECTIONS}
        self.first = dict.fromkeys(SECTIONS, True)
        self.edges = 0

    def add_nodes(self, nodes: Iterable[Line]) -> None:
        batch: dict[str, dict[str, Any]] = {s: {} for s in SECTIONS}
        for node in nodes:
            section, name, attrs = node_record(node)
            batch[section][name] = attrs
        self._append(batch)

    def add_edges(self, edges: Iterable[Line]) -> None:
        batch: dict[str, dict[str, Any]] = {s: {} for s in SECTIONS}
        for edge in edges:
            self.edges += 1
            record = edge_record(self.edges, edge)
            if record is not None:
                section, name, attrs = record
                batch[section][name] = attrs
        self._append(batch)

    def _append(self, batch: dict[str, dict[str, Any]]) -> None:
        for section, records in batch.items():
            if not records:
                continue
            buffer = self.buffers[section]
            if self.first[section]:
                self.first[section] = False
            else:
                buffer += b","
            buffer += memoryview(orjson.dumps(records))[1:-1]
            if len(buffer) >= FLUSH:
                self.parts[section].write(buffer)
                buffer.clear()

    def write(self, sink: Writable) -> None:
        sink.write(b'{"prefix":{"lineage":"' + NAMESPACE.encode() + b'"}')
        for section in SECTIONS:
            if self.first[section]:
                continue
            part = self.parts[section]
            part.write(self.buffers[section])
            sink.write(f',"{section}":{{'.encode())
            part.seek(0)
            while chunk := part.read(1024 * 1024):
                sink.write(chunk)
            sink.write(b"}")
        sink.write(b"}\n")

    def close(self) -> None:
        for part in self.parts.values():
            part.close()
