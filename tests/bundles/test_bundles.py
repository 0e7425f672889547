"""Bundles in the CLI, under another code, of one asset's upstream, and in PROV-JSON."""

from __future__ import annotations

import asyncio
import io
import json
import tarfile
from datetime import datetime
from pathlib import Path
from typing import Any

import typer
from prov.constants import PROV_DERIVATION, PROV_GENERATION, PROV_MEMBERSHIP
from prov.model import Namespace, ProvDocument, QualifiedName
from typer.testing import CliRunner, Result

from lineage.bundles.cli import register
from lineage.bundles.provjson import NAMESPACE, edge_record, node_record
from lineage.integrity import check_integrity
from tests.bundles.answers import answers
from tests.bundles.conftest import Instance
from tests.bundles.story import OTHER, PROJECT, record_scene, record_story, shots
from tests.bundles.tampering import as_version_1, pack, unpack
from tests.bundles.test_round_trip import export_over_http, import_over_http
from tests.neo4j_provider import cli_pointed_at

NAMESPACES = {"prov": ("prov", "http://www.w3.org/ns/prov#"), "lineage": ("lineage", NAMESPACE)}
VERSIONS = """query($id: ID!) { asset(id: $id) { id slot version isCurrent projectCode
  versions { id } orphanStatus { state reasons { rootCause } } } }"""


async def run_cli(instance: Instance, *args: str) -> Result:
    """`lineage ...` of this package, pointed at the instance's database and catalog."""
    app = typer.Typer()
    register(app)
    with cli_pointed_at(instance.settings, instance.assets_root):
        return await asyncio.to_thread(CliRunner().invoke, app, list(args))


def member(bundle: bytes, name: str) -> bytes:
    with tarfile.open(fileobj=io.BytesIO(bundle)) as tar:
        reader = tar.extractfile(name)
        assert reader is not None
        return reader.read()


async def exported_by_cli(instance: Instance, folder: Path) -> Path:
    """The project's bundle, exported by `lineage export` into `folder`."""
    target = folder / "vss-001.tar"
    exported = await run_cli(instance, "export", PROJECT, "-o", str(target))
    assert exported.exit_code == 0, exported.output
    return target


async def test_cli_export_is_the_http_export_and_imports_under_a_new_code(
    first: Instance, tmp_path: Path
) -> None:
    await record_scene(first.gql)
    target = await exported_by_cli(first, tmp_path)
    assert target.read_bytes() == await export_over_http(first, PROJECT)

    imported = await run_cli(first, "import", str(target), "--as", "VSS-009", "--json")
    assert imported.exit_code == 0, imported.output
    report = json.loads(imported.stdout)
    assert report["projectCode"] == "VSS-009" and report["renamed"] == 4
    copy = (await first.gql.data(VERSIONS, id="VSS-001-shot-001-v2~VSS-009"))["asset"]
    assert copy["projectCode"] == "VSS-009" and copy["version"] == 2 and copy["isCurrent"]
    assert [v["id"] for v in copy["versions"]] == ["VSS-001-shot-001~VSS-009", copy["id"]]
    scene = (await first.gql.data(VERSIONS, id="VSS-001-vid~VSS-009"))["asset"]
    assert scene["orphanStatus"]["reasons"] == [{"rootCause": "VSS-001-shot-001~VSS-009"}]
    original = (await first.gql.data(VERSIONS, id="VSS-001-shot-001-v2"))["asset"]
    assert [v["id"] for v in original["versions"]] == ["VSS-001-shot-001", "VSS-001-shot-001-v2"]
    assert await check_integrity(first.store) == []

    again = await run_cli(first, "import", str(target), "--as", "VSS-009", "--json")
    assert json.loads(again.stdout)["created"] == 0


async def test_files_come_first_as_the_graph_names_them_and_the_manifest_last(
    first: Instance, tmp_path: Path
) -> None:
    await record_story(first.gql)
    target = await exported_by_cli(first, tmp_path)
    with tarfile.open(target) as tar:
        infos = tar.getmembers()
    names = [info.name for info in infos]
    graph = ["graph/nodes.jsonl", "graph/edges.jsonl", "prov.json", "manifest.json"]
    assert names[-4:] == graph
    nodes = [json.loads(line) for line in member(target.read_bytes(), graph[0]).splitlines()]
    named = [n["properties"].get("fileSha256") for n in nodes if not n.get("reference")]
    in_graph_order = list(dict.fromkeys(sha for sha in named if sha))
    assert len(in_graph_order) > 1 and in_graph_order != sorted(in_graph_order)
    assert names[:-4] == [f"files/{sha}" for sha in in_graph_order]
    manifest = json.loads(member(target.read_bytes(), "manifest.json"))
    created = datetime.fromisoformat(manifest["createdAt"].replace("Z", "+00:00")).timestamp()
    assert {info.mtime for info in infos} == {int(created)}


async def test_a_version_1_bundle_still_imports(first: Instance) -> None:
    await record_scene(first.gql)
    expected = await answers(first.gql, PROJECT)
    bundle = pack(as_version_1(unpack(await export_over_http(first, PROJECT))))
    await first.store.write("admin/wipe_data")
    await import_over_http(first, bundle)
    assert await answers(first.gql, PROJECT) == expected


async def test_a_project_with_other_content_is_refused(first: Instance) -> None:
    await record_scene(first.gql)
    bundle = await export_over_http(first, PROJECT)
    await first.store.write("admin/wipe_data")
    await shots(first.gql, PROJECT)  # the same code, recorded otherwise here
    before = await first.store.read("integrity/list_snapshot")

    response = await first.http.post("/imports", content=bundle)
    assert response.status_code == 409, response.text
    detail = response.json()["detail"]
    assert detail["code"] == "PROJECT_DIFFERS"
    assert "node(s) differ" in detail["message"] and "--as NEW-CODE" in detail["message"]
    assert await first.store.read("integrity/list_snapshot") == before


async def test_an_asset_with_its_upstream(first: Instance, tmp_path: Path) -> None:
    ids = await record_story(first.gql)
    clip = ids["assets"][2]
    target = tmp_path / "clip.tar"
    exported = await run_cli(first, "export", "--asset", clip, "--upstream", "-o", str(target))
    assert exported.exit_code == 0, exported.output
    over_http = await first.http.get(f"/assets/{clip}/export")
    assert over_http.status_code == 200 and over_http.content == target.read_bytes()
    assert over_http.headers["content-type"] == "application/x-tar"
    assert f'filename="{clip}-upstream.tar"' in over_http.headers["content-disposition"]
    missing = await first.http.get("/assets/no-such-asset/export")
    assert missing.status_code == 404 and "no-such-asset" in missing.text
    lineage = """query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 10) {
      nodes { id } edges { fromId toId type properties } } }"""
    expected = await first.gql.data(lineage, id=clip)
    await first.store.write("admin/wipe_data")

    report = await import_over_http(first, target.read_bytes())
    assert report["stubs"] == 0 and report["created"] > 0
    assert await first.gql.data(lineage, id=clip) == expected


async def test_an_upstream_bundle_imports_again_and_under_a_new_code(first: Instance) -> None:
    await record_story(first.gql)
    borrowed = f"{PROJECT}-borrowed"  # built from VSS-002's shot
    response = await first.http.get(f"/assets/{borrowed}/export")
    assert response.status_code == 200, response.text

    again = await import_over_http(first, response.content)
    assert again["created"] == 0 and again["edgesCreated"] == 0, again

    copied = await import_over_http(first, response.content, **{"as": "CUT-001"})
    assert copied["projectCode"] == "CUT-001" and copied["renamed"] == 1, copied
    assert copied["created"] == 2  # the copy and its project
    copy = (await first.gql.data(SOURCES, id=f"{borrowed}~CUT-001"))["asset"]
    assert copy["projectCode"] == "CUT-001" and copy["project"] == {"code": "CUT-001"}
    assert copy["sources"] == [{"id": f"{OTHER}-shot-001", "projectCode": OTHER}]
    original = (await first.gql.data(SOURCES, id=borrowed))["asset"]
    assert original["projectCode"] == PROJECT and original["sources"] == copy["sources"]
    assert await check_integrity(first.store) == []

    refused = await first.http.post("/imports", content=response.content, params={"as": "a b"})
    assert refused.status_code == 422 and "not a project code" in refused.text, refused.text


SOURCES = """query($id: ID!) { asset(id: $id) { projectCode project { code }
  sources { id projectCode } } }"""


def built_by_prov(bundle: bytes) -> ProvDocument:
    """The PROV document `prov`'s own API builds from the bundle's graph lines."""
    doc = ProvDocument()
    doc.add_namespace("lineage", NAMESPACE)
    for line in member(bundle, "graph/nodes.jsonl").splitlines():
        section, name, attributes = node_record(json.loads(line))
        if section == "activity":
            start, end = (
                attributes.pop("prov:startTime", None),
                attributes.pop("prov:endTime", None),
            )
            doc.activity(name, start, end, _typed(attributes))
        else:
            doc.entity(name, _typed(attributes))
    for number, line in enumerate(member(bundle, "graph/edges.jsonl").splitlines(), 1):
        record = edge_record(number, json.loads(line))
        if record is not None:
            section, name, attributes = record
            kind = {"wasDerivedFrom": PROV_DERIVATION, "wasGeneratedBy": PROV_GENERATION}
            doc.new_record(kind.get(section, PROV_MEMBERSHIP), name, _typed(attributes))
    return doc


def _typed(attributes: dict[str, Any]) -> dict[str, Any]:
    """Attributes as `prov` takes them: typed literals as Python values, QNames as QNames."""
    values: dict[str, Any] = {}
    for key, value in attributes.items():
        if isinstance(value, dict) and value["type"] == "xsd:QName":
            values[key] = QualifiedName(
                Namespace(*NAMESPACES[value["$"].split(":")[0]]), value["$"].split(":")[1]
            )
        elif isinstance(value, dict):
            values[key] = int(value["$"]) if value["type"] == "xsd:int" else float(value["$"])
        else:
            values[key] = value
    return values


async def test_prov_json_reads_back_with_prov(first: Instance) -> None:
    await record_story(first.gql)
    bundle = await export_over_http(first, PROJECT)
    manifest = json.loads(member(bundle, "manifest.json"))
    document = ProvDocument.deserialize(content=member(bundle, "prov.json").decode(), format="json")

    assert document == built_by_prov(bundle)
    counts = manifest["counts"]
    entities = [r for r in document.get_records() if r.get_type().localpart == "Entity"]
    assert len(entities) == sum(counts[k] for k in ("Project", "Asset", "Prompt", "references"))
    assert len(document.get_records()) == len(entities) + counts["Workflow"] + counts["edges"] - 1
    again = ProvDocument.deserialize(content=document.serialize(format="json"), format="json")
    assert again == document
    clip = document.get_record("lineage:asset/VSS-001-vid-a")[0]
    assert {str(t) for t in clip.get_attribute("prov:type")} == {"lineage:Asset"}
    assert clip.get_attribute("lineage:slot") == set()  # properties: graph/nodes.jsonl


async def test_answers_survive_an_import_into_a_fresh_graph(first: Instance) -> None:
    await record_scene(first.gql)
    expected = await answers(first.gql, PROJECT)
    bundle = await export_over_http(first, PROJECT)
    await first.store.write("admin/wipe_data")
    await import_over_http(first, bundle)
    assert await answers(first.gql, PROJECT) == expected


async def test_a_file_whose_bytes_changed_stops_the_export_before_its_first_byte(
    first: Instance, tmp_path: Path
) -> None:
    await record_scene(first.gql)
    nodes = member(await export_over_http(first, PROJECT), "graph/nodes.jsonl").splitlines()
    ref = next(json.loads(n)["properties"]["fileRef"] for n in nodes if b'"fileRef"' in n)
    stored = first.assets_root / "catalog" / ref
    mode, data = stored.stat().st_mode, stored.read_bytes()
    stored.chmod(0o644)
    stored.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    try:
        response = await first.http.get(f"/projects/{PROJECT}/export")
        assert response.status_code == 422, response.text
        detail = response.json()["detail"]
        assert detail["code"] == "INVALID_BUNDLE", detail
        assert f"{stored.name} no longer has the bytes recorded" in detail["message"]
        exported = await run_cli(first, "export", PROJECT, "-o", str(tmp_path / "vss-001.tar"))
        assert exported.exit_code != 0 and "no longer has the bytes recorded" in exported.output
        assert list(tmp_path.iterdir()) == []
    finally:  # the catalog is the session's: later tests store the same bytes
        stored.write_bytes(data)
        stored.chmod(mode)
