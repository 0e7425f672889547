"""The PROV writer encodes a batch of records in one call without sorting keys: each
record's attributes must already come in key order (as `prov`'s layout and the bundle's
bytes before had them), whatever the kind of node or edge."""

from __future__ import annotations

import json
from pathlib import Path

import orjson

from lineage.bundles.provjson import ProvWriter, edge_record, node_record

PROPERTIES = {"createdAt": "2025-01-01T00:00:00Z", "id": "a", "size": 3, "tags": ["x"]}
NODES = [
    {"kind": "Asset", "id": "a", "properties": PROPERTIES},
    {"kind": "Asset", "id": "z", "properties": {"id": "z", "zeta": 1.5}, "reference": True},
    {"kind": "Project", "id": "P", "properties": {"code": "P"}},
    {
        "kind": "Workflow",
        "id": "w",
        "properties": {"finishedAt": "2025-01-02T00:00:00Z", "startedAt": "2025-01-01T00:00:00Z"},
    },
]
EDGE = {"fromKind": "Asset", "from": "a", "toKind": "Asset", "to": "b"}
EDGES = [
    EDGE | {"type": "USES_FRAME", "properties": {"position": 2, "role": "first"}},
    EDGE | {"type": "GENERATED_FROM", "properties": {"weight": 1}},
    EDGE | {"type": "REGENERATES", "properties": {"ignored": True}},
    EDGE | {"type": "GENERATED_FROM", "toKind": "Workflow", "to": "w", "properties": {"n": 1}},
    EDGE | {"type": "PART_OF", "toKind": "Project", "to": "P", "properties": {}},
]


def test_every_record_lists_its_attributes_in_key_order() -> None:
    records = [node_record(node) for node in NODES]
    records += [r for n, e in enumerate(EDGES, 1) if (r := edge_record(n, e)) is not None]
    assert len(records) == len(NODES) + len(EDGES)
    for _, name, attributes in records:
        assert list(attributes) == sorted(attributes), name


def test_a_batch_encodes_as_its_records_one_by_one(tmp_path: Path) -> None:
    writer = ProvWriter(tmp_path)
    writer.add_nodes(NODES)
    writer.add_edges(EDGES)
    out = tmp_path / "prov.json"
    with out.open("wb") as sink:
        writer.write(sink)
    writer.close()

    document = out.read_bytes()
    expected = {}
    for section, name, attributes in [node_record(n) for n in NODES] + [
        r for n, e in enumerate(EDGES, 1) if (r := edge_record(n, e)) is not None
    ]:
        expected.setdefault(section, {})[name] = attributes
    assert json.loads(document) == {"prefix": {"lineage": "urn:lineage:"}, **expected}
    for records in expected.values():  # each record's bytes as sorted keys give them
        for name, attributes in records.items():
            one = orjson.dumps({name: attributes}, option=orjson.OPT_SORT_KEYS)[1:-1]
            assert one in document, name


def test_a_node_record_says_what_prov_says_not_the_properties() -> None:
    assert [attributes for _, _, attributes in map(node_record, NODES)] == [
        {"prov:type": {"$": "lineage:Asset", "type": "xsd:QName"}},
        {"lineage:reference": True, "prov:type": {"$": "lineage:Asset", "type": "xsd:QName"}},
        {"prov:type": {"$": "prov:Collection", "type": "xsd:QName"}},
        {
            "prov:endTime": "2025-01-02T00:00:00+00:00",
            "prov:startTime": "2025-01-01T00:00:00+00:00",
        },
    ]
