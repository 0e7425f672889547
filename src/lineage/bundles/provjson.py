"""The bundle's graph as a W3C PROV-JSON document, streamed.

Assets and prompts are entities, workflow runs activities, a project a
collection with its members (`hadMember`); GENERATED_FROM and USES_FRAME are
derivations (a frame's role and position kept, typed `lineage:Frame`),
GENERATED_FROM a run is a generation, REGENERATES a revision (a derivation typed
`prov:Revision`). Every property of a node is an attribute `lineage:<name>`
(lists as JSON text); relations are named `lineage:edge/<n>`, n counting the
edges in bundle order.

The `prov` package holds a whole document in memory as objects (about a
millisecond per record: 100k assets took minutes), so the document is written
here, a record at a time, in the layout and literal encoding `prov` writes; the
tests read it back with `prov` and compare it with the document `prov` builds
from the same graph.
"""

from __future__ import annotations

import json
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
    """Every property but nulls as `lineage:<name>` (lists as JSON text); strings, the
    most of them, taken as they are without a call (this runs for every node)."""
    attrs = {}
    for key, value in properties.items():
        if type(value) is str:
            attrs["lineage:" + key] = value
        elif value is not None:
            attrs["lineage:" + key] = literal(value)
    return attrs


def node_record(node: Line) -> tuple[str, str, dict[str, Any]]:
    """(section, name, attributes) of a node."""
    kind, name = node["kind"], node_name(node["kind"], node["id"])
    attrs = attributes(node["properties"])
    if node.get("reference"):
        attrs["lineage:reference"] = True
    if kind == "Workflow":
        props = node["properties"]
        for prov_name, name_here in (
            ("prov:startTime", "startedAt"),
            ("prov:endTime", "finishedAt"),
        ):
            if props.get(name_here):
                attrs[prov_name] = _time(props[name_here])
        return "activity", name, attrs
    attrs["prov:type"] = qname("prov:Collection" if kind == "Project" else f"lineage:{kind}")
    return "entity", name, attrs


def edge_record(number: int, edge: Line) -> tuple[str, str, dict[str, Any]] | None:
    """(section, name, attributes) of an edge (None: a workflow's PART_OF, not a membership)."""
    name = f"lineage:edge/{number}"
    source = node_name(edge["fromKind"], edge["from"])
    target = node_name(edge["toKind"], edge["to"])
    kind = edge["type"]
    if kind == "PART_OF":
        if edge["fromKind"] == "Workflow":
            return None
        return "hadMember", name, {"prov:collection": target, "prov:entity": source}
    properties = edge.get("properties")
    extra = attributes(properties) if properties else {}
    if kind == "REGENERATES":
        relation = {"prov:generatedEntity": source, "prov:usedEntity": target}
        return "wasDerivedFrom", name, relation | {"prov:type": qname("prov:Revision")}
    if edge["toKind"] == "Workflow":
        return "wasGeneratedBy", name, {"prov:entity": source, "prov:activity": target} | extra
    if kind == "USES_FRAME":
        extra["prov:type"] = qname("lineage:Frame")
    return (
        "wasDerivedFrom",
        name,
        {"prov:generatedEntity": source, "prov:usedEntity": target} | extra,
    )


def _time(text: str) -> str:
    """An ISO time as `prov` writes one (`+00:00`, not `Z`)."""
    return text.replace("Z", "+00:00")


class ProvWriter:
    """Takes nodes and edges as they come, each section's records spooled to a file
    (through a buffer: a write call per record cost more than the encoding); `write`
    streams the whole document."""

    def __init__(self, folder: Path) -> None:
        self.parts = {s: (folder / f"prov-{s}.part").open("w+b") for s in SECTIONS}
        self.buffers = {s: bytearray() for s in SECTIONS}
        self.first = dict.fromkeys(SECTIONS, True)
        self.edges = 0

    def add_node(self, node: Line) -> None:
        self._append(*node_record(node))

    def add_edge(self, edge: Line) -> None:
        self.edges += 1
        record = edge_record(self.edges, edge)
        if record is not None:
            self._append(*record)

    def _append(self, section: str, name: str, attrs: dict[str, Any]) -> None:
        buffer = self.buffers[section]
        if self.first[section]:
            self.first[section] = False
        else:
            buffer += b","
        buffer += memoryview(orjson.dumps({name: attrs}, option=orjson.OPT_SORT_KEYS))[1:-1]
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
