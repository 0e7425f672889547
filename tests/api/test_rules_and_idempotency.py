"""Every rule answers with a typed error and writes nothing; keyed requests replay."""

from __future__ import annotations

from neo4j import AsyncDriver

from lineage.db.store import Store
from tests.api.helpers import RECORD, image, record, record_error, video
from tests.conftest import GraphQLClient


async def node_count(store: Store) -> int:
    async with store.driver.session() as session:
        result = await session.run("MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n")
        record_ = await result.single()
    assert record_ is not None
    return int(record_["n"])


async def test_each_rule_is_a_typed_error_and_writes_nothing(
    gql: GraphQLClient, store: Store, driver: AsyncDriver
) -> None:
    await image(gql, "shot-001")
    await record(gql, id="song", type="MUSIC", provider="kie", model="suno")
    await video(gql, "vid-1", "shot-001", "shot-001")
    before = await node_count(store)
    cases = {
        "NOT_FOUND": dict(id="x1", type="IMAGE", provider="p", model="m", promptIds=["nope"]),
        "INVALID_INPUT": dict(
            id="x2",
            type="VIDEO",
            provider="p",
            model="m",
            frames=[{"assetId": "song", "role": "START"}],
        ),
    }
    for code, fields in cases.items():
        error = await record_error(gql, **fields)
        assert error["extensions"]["code"] == code, error
    no_start = await record_error(
        gql,
        id="x3",
        type="VIDEO",
        provider="p",
        model="m",
        frames=[{"assetId": "shot-001", "role": "END"}],
    )
    assert "start frame" in no_start["message"]
    cycle = await record_error(
        gql, id="x4", type="IMAGE", provider="p", model="m", regeneratesId="x4"
    )
    assert cycle["extensions"]["code"] in {"NOT_FOUND", "INVALID_INPUT"}
    duplicate = await record_error(gql, id="shot-001", type="IMAGE", provider="p", model="m")
    assert duplicate["extensions"]["code"] == "CONFLICT"
    unknown_project = await record_error(
        gql, id="x5", type="IMAGE", provider="p", model="m", projectCode="NOPE"
    )
    assert "NOPE" in unknown_project["message"]
    bad_time = await record_error(
        gql, id="x6", type="IMAGE", provider="p", model="m", createdAt="yesterday"
    )
    assert bad_time["extensions"]["code"] == "INVALID_INPUT" and "yesterday" in bad_time["message"]
    assert await node_count(store) == before


async def test_invalid_status_changes_are_refused(gql: GraphQLClient) -> None:
    await image(gql, "done")
    body = await gql('mutation { failGeneration(id: "done", error: "x") { asset { id } } }')
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "ready" in body["errors"][0]["message"]
    await gql.data('mutation { archiveAsset(id: "done") { asset { id } } }')
    again = await gql('mutation { revertTo(assetId: "done") { asset { id } } }')
    assert again["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    missing = await gql('mutation { archiveAsset(id: "ghost") { asset { id } } }')
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_same_key_same_request_records_once(gql: GraphQLClient, store: Store) -> None:
    fields = {"clientKey": "k-1", "type": "IMAGE", "provider": "fal", "model": "flux"}
    first = await gql.data(RECORD, **{"in": fields})
    second = await gql.data(RECORD, **{"in": fields})
    assert first == second
    assert await node_count(store) == 3  # the asset, its idempotency key, its slot lock
    changed = await gql(RECORD, **{"in": {**fields, "model": "other"}})
    assert changed["errors"][0]["extensions"]["code"] == "CONFLICT"
    assert "k-1" in changed["errors"][0]["message"]


async def test_unexpected_errors_are_masked(gql: GraphQLClient) -> None:
    body = await gql('{ assets(first: 1, after: "%%%") { totalCount } }')
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "Traceback" not in str(body) and "MATCH" not in str(body)
