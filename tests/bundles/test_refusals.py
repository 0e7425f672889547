"""A bad bundle is refused with a clear error, and nothing is written: not a node, not a file."""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Callable

import pytest

from lineage.bundles.models import FORMAT_VERSION
from tests.bundles.conftest import Instance
from tests.bundles.story import PROJECT, record_scene
from tests.bundles.tampering import Members, pack, unpack, with_manifest, with_member
from tests.bundles.test_round_trip import export_over_http
from tests.files.samples import files_under


def newer_format(members: Members) -> bytes:
    return pack(with_manifest(members, lambda m: m.update(formatVersion=FORMAT_VERSION + 1)))


def manifest_first(members: Members) -> bytes:
    manifest = [(n, d) for n, d in members if n == "manifest.json"]
    return pack(manifest + [(n, d) for n, d in members if n != "manifest.json"])


def version_1_manifest_last(members: Members) -> bytes:
    return pack(with_manifest(members, lambda m: m.update(formatVersion=1)))


def truncated(members: Members) -> bytes:
    """The bundle cut halfway through its last graph member (`tarfile` pads a whole tar
    with zeros to 10 KB records: a cut by length alone can fall in the padding)."""
    whole = pack(members)
    with tarfile.open(fileobj=io.BytesIO(whole)) as tar:
        prov = tar.getmember("prov.json")
    return whole[: prov.offset_data + prov.size // 2]


def wrong_file_hash(members: Members) -> bytes:
    name, data = next((n, d) for n, d in members if n.startswith("files/"))
    return pack(with_member(members, name, data[:-1] + bytes([data[-1] ^ 1]), rehash=False))


def wrong_graph_hash(members: Members) -> bytes:
    nodes = dict(members)["graph/nodes.jsonl"]
    return pack(
        with_member(members, "graph/nodes.jsonl", nodes.replace(b"fal", b"fai"), rehash=False)
    )


def escaping_member(members: Members) -> bytes:
    return pack([*members[:1], ("files/../../../escaped.txt", b"x"), *members[1:]])


def escaping_file_ref(members: Members) -> bytes:
    lines = dict(members)["graph/nodes.jsonl"].decode().splitlines()
    node = next(json.loads(line) for line in lines if '"fileRef"' in line)
    node["properties"]["fileRef"] = "image/../../../../etc/passwd"
    changed = [json.dumps(node) if f'"id":"{node["id"]}"' in line else line for line in lines]
    data = ("\n".join(changed) + "\n").encode()
    return pack(with_member(members, "graph/nodes.jsonl", data, rehash=True))


def unknown_label(members: Members) -> bytes:
    nodes = dict(members)["graph/nodes.jsonl"].replace(b'["Workflow"]', b'["ApiKey"]')
    nodes = nodes.replace(b'"labels":["Asset"]', b'"labels":["ApiKey"]', 1)
    return pack(with_member(members, "graph/nodes.jsonl", nodes, rehash=True))


BAD: dict[str, tuple[Callable[[Members], bytes], str]] = {
    "newer format": (newer_format, f"format version {FORMAT_VERSION + 1} is newer"),
    "manifest not last": (manifest_first, "follows manifest.json, which ends a bundle"),
    "version 1, manifest last": (version_1_manifest_last, "version 1 starts with manifest.json"),
    "truncated": (truncated, "truncated"),
    "wrong file hash": (wrong_file_hash, "its bytes have SHA-256"),
    "wrong graph hash": (wrong_graph_hash, "graph/nodes.jsonl: SHA-256"),
    "member escaping": (escaping_member, "files/../../../escaped.txt"),
    "file ref escaping": (escaping_file_ref, "is not a file reference of the catalog"),
    "unknown label": (unknown_label, "labels ['ApiKey']"),
}


@pytest.mark.parametrize("case", sorted(BAD))
async def test_a_bad_bundle_writes_nothing(first: Instance, case: str) -> None:
    await record_scene(first.gql)
    members = unpack(await export_over_http(first, PROJECT))
    await first.store.write("admin/wipe_data")
    catalog = files_under(first.assets_root)
    tamper, message = BAD[case]

    response = await first.http.post("/imports", content=tamper(members))
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail["code"] == "INVALID_BUNDLE" and message in detail["message"], detail
    assert await first.store.read("integrity/list_snapshot") == []
    assert files_under(first.assets_root) == catalog
