"""The bundle's graph as a W3C PROV-JSON document, written by the `prov` package.

Assets and prompts are entities, workflow runs activities, a project a collection
with its members; GENERATED_FROM and USES_FRAME are derivations (a frame's role
and position kept), GENERATED_FROM a run is a generation, REGENERATES a revision.
Every property of a node is an attribute `lineage:<name>` (lists as JSON text).

`prov` holds a document in memory, so the graph is given to it a slice at a time
(each relation named `lineage:edge/<n>`, so slices never share a name) and the
slices' sections are streamed into one document, keys in a fixed order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from prov import model as prov

NAMESPACE = "urn:lineage:"
SLICE = 2_000
SECTIONS = ("entity", "activity", "wasGeneratedBy", "wasDerivedFrom", "hadMember")
Line = dict[str, Any]


def node_name(kind: str, node_id: str) -> str:
    return f"lineage:{kind.lower()}/{node_id}"


def _attributes(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        f"lineage:{key}": json.dumps(value) if isinstance(value, list) else value
        for key, value in sorted(properties.items())
        if value is not None
    }


def _time(value: Any) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _add_node(doc: prov.ProvDocument, node: Line) -> None:
    kind, name = node["kind"], node_name(node["kind"], node["id"])
    attributes = _attributes(node["properties"])
    if node.get("reference"):
        attributes["lineage:reference"] = True
    if kind == "Workflow":
        props = node["properties"]
        doc.activity(
            name, _time(props.get("startedAt")), _time(props.get("finishedAt")), attributes
        )
    elif kind == "Project":
        doc.collection(name, attributes)
    else:
        attributes["prov:type"] = doc.valid_qualified_name(f"lineage:{kind}")
        doc.entity(name, attributes)


def _add_edge(doc: prov.ProvDocument, number: int, edge: Line) -> None:
    ident = f"lineage:edge/{number}"
    source = node_name(edge["fromKind"], edge["from"])
    target = node_name(edge["toKind"], edge["to"])
    extra = _attributes(edge.get("properties") or {})
    kind = edge["type"]
    if kind == "PART_OF":
        attributes = {prov.PROV_ATTR_COLLECTION: target, prov.PROV_ATTR_ENTITY: source}
        if edge["fromKind"] != "Workflow":
            doc.new_record(prov.PROV_MEMBERSHIP, ident, attributes)
    elif kind == "REGENERATES":
        doc.wasRevisionOf(source, target, identifier=ident)
    elif edge["toKind"] == "Workflow":
        doc.wasGeneratedBy(source, target, identifier=ident, other_attributes=extra or None)
    else:
        if kind == "USES_FRAME":
            extra["prov:type"] = doc.valid_qualified_name("lineage:Frame")
        doc.wasDerivedFrom(source, target, identifier=ident, other_attributes=extra or None)


def _document() -> prov.ProvDocument:
    doc = prov.ProvDocument()
    doc.add_namespace("lineage", NAMESPACE)
    return doc


def _sections(doc: prov.ProvDocument) -> dict[str, dict[str, Any]]:
    text = doc.serialize(format="json")
    assert text is not None
    serialized: dict[str, dict[str, Any]] = json.loads(text)
    unknown = set(serialized) - {"prefix", *SECTIONS}
    assert not unknown, f"PROV sections not streamed: {unknown}"
    return serialized


class ProvWriter:
    """Takes nodes and edges a slice at a time; `write` streams the whole document."""

    def __init__(self, folder: Path) -> None:
        self.parts = {
            section: (folder / f"prov-{section}.part").open("w+b") for section in SECTIONS
        }
        self.first = dict.fromkeys(SECTIONS, True)
        self.edges = 0

    def add(self, nodes: Iterable[Line], edges: Iterable[Line]) -> None:
        doc = _document()
        for node in nodes:
            _add_node(doc, node)
        for edge in edges:
            self.edges += 1
            _add_edge(doc, self.edges, edge)
        for section, records in _sections(doc).items():
            if section != "prefix":
                self._append(section, records)

    def _append(self, section: str, records: dict[str, Any]) -> None:
        part = self.parts[section]
        for key, value in records.items():
            part.write(b"" if self.first[section] else b",")
            self.first[section] = False
            part.write(json.dumps({key: value}, sort_keys=True, ensure_ascii=False)[1:-1].encode())

    def write(self, sink: IO[bytes]) -> None:
        sink.write(b'{"prefix": {"lineage": "' + NAMESPACE.encode() + b'"}')
        for section in SECTIONS:
            part = self.parts[section]
            if self.first[section]:
                continue
            sink.write(f', "{section}": {{'.encode())
            part.seek(0)
            while chunk := part.read(1024 * 1024):
                sink.write(chunk)
            sink.write(b"}")
        sink.write(b"}\n")

    def close(self) -> None:
        for part in self.parts.values():
            part.close()


def slices(lines: Iterator[Line], size: int = SLICE) -> Iterator[list[Line]]:
    batch: list[Line] = []
    for line in lines:
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
