"""Format version 3's PROV-JSON names each node and says what PROV says of it, not its
properties (those are in graph/nodes.jsonl); version 2 bundles, whose prov.json repeated
every property, still import."""

from __future__ import annotations

import json

from tests.bundles.answers import answers
from tests.bundles.conftest import Instance
from tests.bundles.story import PROJECT, record_scene
from tests.bundles.tampering import pack, unpack, with_manifest, with_member
from tests.bundles.test_round_trip import export_over_http, import_over_http


async def test_a_version_3_record_carries_no_node_property(first: Instance) -> None:
    await record_scene(first.gql)
    members = dict(unpack(await export_over_http(first, PROJECT)))
    document = json.loads(members["prov.json"])
    nodes = [json.loads(line) for line in members["graph/nodes.jsonl"].splitlines()]
    assert json.loads(members["manifest.json"])["formatVersion"] == 3
    records = document["entity"] | document.get("activity", {})
    assert len(records) == len(nodes)
    for attributes in records.values():
        assert set(attributes) <= {
            "prov:type",
            "prov:startTime",
            "prov:endTime",
            "lineage:reference",
        }, attributes


async def test_a_version_2_bundle_still_imports(first: Instance) -> None:
    await record_scene(first.gql)
    expected = await answers(first.gql, PROJECT)
    members = unpack(await export_over_http(first, PROJECT))
    document = json.loads(dict(members)["prov.json"])
    for name, attributes in document["entity"].items():  # as version 2 wrote them
        attributes["lineage:id"] = name.split("/", 1)[1]
    as_version_2 = with_member(members, "prov.json", json.dumps(document).encode(), rehash=True)
    bundle = pack(with_manifest(as_version_2, lambda m: m.update(formatVersion=2)))
    await first.store.write("admin/wipe_data")
    await import_over_http(first, bundle)
    assert await answers(first.gql, PROJECT) == expected
