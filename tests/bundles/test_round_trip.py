"""A project recorded through the API, exported over HTTP, imported into an empty
second instance over HTTP: the second instance answers as the first did."""

from __future__ import annotations

from lineage.integrity import check_integrity
from tests.bundles.answers import answers
from tests.bundles.conftest import Instance
from tests.bundles.story import OTHER, PROJECT, record_story


async def export_over_http(instance: Instance, code: str) -> bytes:
    response = await instance.http.get(f"/projects/{code}/export")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-tar"
    assert int(response.headers["content-length"]) == len(response.content)
    return response.content


async def import_over_http(instance: Instance, bundle: bytes, **params: str) -> dict[str, object]:
    response = await instance.http.post("/imports", content=bundle, params=params)
    assert response.status_code == 200, response.text
    report: dict[str, object] = response.json()
    return report


async def test_the_second_instance_answers_as_the_first(first: Instance, second: Instance) -> None:
    await record_story(first.gql)
    expected = await answers(first.gql, PROJECT)
    bundle = await export_over_http(first, PROJECT)
    assert await export_over_http(first, PROJECT) == bundle  # byte-identical

    report = await import_over_http(second, bundle)
    assert report["projectCode"] == PROJECT and report["created"] > 0
    assert report["stubs"] == 1  # VSS-002's shot, which VSS-001-borrowed was built from
    assert await answers(second.gql, PROJECT) == expected
    assert await check_integrity(second.store) == []
    stub = (await second.gql.data('{ asset(id: "VSS-002-shot-001") { projectCode } }'))["asset"]
    assert stub == {"projectCode": OTHER}

    before = await second.store.read("integrity/list_snapshot")
    again = await import_over_http(second, bundle)
    assert (again["created"], again["edgesCreated"], again["filesStored"]) == (0, 0, 0)
    assert await second.store.read("integrity/list_snapshot") == before
