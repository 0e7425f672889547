"""Small points of the API contract a generated client relies on: the upload's `type` in
either case, absolute signed URLs, NOT_FOUND for an unknown project's orphans, and no
internal property in a lineage's `properties`."""

from __future__ import annotations

from typing import Any

import httpx

from lineage.app import create_app
from lineage.db.store import Store
from lineage.settings import Settings
from tests.conftest import GraphQLClient
from tests.files.samples import image_bytes
from tests.live_server import LiveServer

RECORD = """mutation($ref: String!, $slot: String!) {
  recordGeneration(input: {type: IMAGE, provider: "fal", model: "m", fileRef: $ref,
                           slot: $slot, params: {seed: 7}}) { asset { id } } }"""
SIGNED = "query($id: ID!) { asset(id: $id) { signedUrl } }"


async def upload(http: httpx.AsyncClient, asset_type: str, color: str) -> Any:
    answer = await http.post(
        "/files",
        params={"type": asset_type, "provider": "fal", "model": "m"},
        content=image_bytes(color=color),
    )
    assert answer.status_code in {200, 201}, answer.text  # 200: the same bytes stored before
    return answer.json()["ref"]


async def recorded_image(http: httpx.AsyncClient, gql: GraphQLClient, slot: str) -> str:
    ref = await upload(http, "IMAGE", "blue")
    data = await gql.data(RECORD, ref=ref, slot=slot)
    return str(data["recordGeneration"]["asset"]["id"])


async def test_the_upload_type_is_accepted_in_either_case(http: httpx.AsyncClient) -> None:
    assert await upload(http, "IMAGE", "red") != await upload(http, "image", "green")
    refused = await http.post("/files", params={"type": "IMAGES", "provider": "f", "model": "m"})
    assert refused.status_code == 422


async def test_signed_urls_are_absolute_on_the_request_or_the_public_url(
    http: httpx.AsyncClient, gql: GraphQLClient, live_server: LiveServer, settings: Settings
) -> None:
    asset_id = await recorded_image(http, gql, "shot-1")
    url = (await gql.data(SIGNED, id=asset_id))["asset"]["signedUrl"]
    assert url.startswith(f"{live_server.url}/files/"), url
    assert (await httpx.AsyncClient().get(url)).status_code == 200  # no key needed
    public = settings.model_copy(
        update={"public_url": "https://lineage.studio.example/", "auth_enabled": False}
    )
    with LiveServer(create_app(public)) as server:
        async with httpx.AsyncClient(base_url=server.url) as client:
            answer = await client.post(
                "/graphql", json={"query": SIGNED, "variables": {"id": asset_id}}
            )
    assert answer.json()["data"]["asset"]["signedUrl"].startswith(
        "https://lineage.studio.example/files/"
    )


async def test_orphans_of_an_unknown_project_is_not_found(gql: GraphQLClient) -> None:
    body = await gql('{ orphans(projectCode: "NOPE-404") { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    await gql.data('mutation { createProject(input: {code: "EMPTY-1"}) { code } }')
    empty = await gql.data('{ orphans(projectCode: "EMPTY-1") { totalCount } }')
    assert empty["orphans"]["totalCount"] == 0


async def test_lineage_properties_leave_the_internal_ones_out(
    http: httpx.AsyncClient, gql: GraphQLClient, store: Store
) -> None:
    asset_id = await recorded_image(http, gql, "shot-2")
    [stored] = await store.read("assets/find_by_id", id=asset_id)
    data = await gql.data(
        "query($id: ID!) { lineage(id: $id) { nodes { properties } graph } }", id=asset_id
    )
    typed = data["lineage"]["nodes"][0]["properties"]
    drawn = data["lineage"]["graph"]["nodes"][0]["properties"]
    assert typed == drawn
    assert typed["id"] == asset_id and typed["slot"] == "shot-2"
    assert not {"paramsJson", "currentSince"} & set(typed)
    assert {"paramsJson", "currentSince"} <= set(stored["asset"])
