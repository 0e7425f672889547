"""A status change the rules refuse says why, and changes nothing: the change's own
statement checks the rules (assets/changes/set_status), and only a refusal reads the
asset again to name the reason."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import image
from tests.conftest import GraphQLClient

COMPLETE = "mutation($id: ID!) { completeGeneration(input: {id: $id}) { asset { id } } }"
FAIL = 'mutation($id: ID!) { failGeneration(id: $id, error: "quota") { asset { id } } }'
REVERT = "mutation($id: ID!) { revertTo(assetId: $id) { asset { id } } }"
ARCHIVE = "mutation($id: ID!) { archiveAsset(id: $id) { asset { id } } }"
STATE = "query($id: ID!) { asset(id: $id) { status isCurrent } }"


async def refusal(gql: GraphQLClient, query: str, asset_id: str) -> dict[str, Any]:
    body = await gql(query, id=asset_id)
    assert "errors" in body, body
    error: dict[str, Any] = body["errors"][0]
    return {"code": error["extensions"]["code"], "message": error["message"]}


async def test_refused_changes_name_their_reason_and_change_nothing(gql: GraphQLClient) -> None:
    await image(gql, "kept")
    await gql.data(ARCHIVE, id="kept")
    before = await gql.data(STATE, id="kept")

    assert await refusal(gql, REVERT, "kept") == {
        "code": "INVALID_INPUT",
        "message": "only a ready attempt can become current; 'kept' is archived",
    }
    assert await refusal(gql, FAIL, "kept") == {
        "code": "INVALID_INPUT",
        "message": "asset 'kept' is archived; it cannot become failed",
    }
    assert await refusal(gql, COMPLETE, "kept") == {
        "code": "INVALID_INPUT",
        "message": "asset 'kept' is archived; it cannot become ready",
    }
    assert (await refusal(gql, ARCHIVE, "kept"))["code"] == "INVALID_INPUT"
    assert (await refusal(gql, ARCHIVE, "missing"))["code"] == "NOT_FOUND"
    assert await gql.data(STATE, id="kept") == before


async def test_a_ready_attempt_cannot_fail(gql: GraphQLClient) -> None:
    await image(gql, "done")
    assert await refusal(gql, FAIL, "done") == {
        "code": "INVALID_INPUT",
        "message": "asset 'done' is ready; it cannot become failed",
    }
    assert await gql.data(STATE, id="done") == {"asset": {"status": "READY", "isCurrent": True}}
