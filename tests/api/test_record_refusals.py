"""A generation the rules refuse says why, and writes nothing: the write's own statement
checks the rules (assets/changes/check_generation) before it creates anything, and only
a refusal reads what the generation names (assets/find_generation_references) to name
the reason, as recordGeneration always has."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.db.store import Store
from tests.api.helpers import image, record, record_error, video
from tests.conftest import GraphQLClient

AN_IMAGE = {"type": "IMAGE", "provider": "fal", "model": "m"}
PROJECT = "mutation($c: String!) { createProject(input: {code: $c}) { code } }"
REFUSALS: dict[str, tuple[dict[str, Any], str, str]] = {
    "taken id": ({"id": "shot"}, "CONFLICT", "an asset with id 'shot' already exists"),
    "unknown prompt": ({"promptIds": ["nope"]}, "NOT_FOUND", "unknown prompt 'nope'"),
    "unknown source": ({"sourceAssetIds": ["nope"]}, "NOT_FOUND", "unknown source asset 'nope'"),
    "unknown frame": (
        {"type": "VIDEO", "frames": [{"assetId": "nope", "role": "START"}]},
        "NOT_FOUND",
        "unknown frame asset 'nope'",
    ),
    "frame not an image": (
        {"type": "VIDEO", "frames": [{"assetId": "clip", "role": "START"}]},
        "INVALID_INPUT",
        "a frame must be an image; not images: clip",
    ),
    "unknown workflow": ({"workflowId": "nope"}, "NOT_FOUND", "unknown workflow 'nope'"),
    "unknown project": ({"projectCode": "NOPE"}, "NOT_FOUND", "unknown project 'NOPE'"),
    "unknown regenerated": (
        {"regeneratesId": "nope"},
        "NOT_FOUND",
        "unknown asset 'nope' (regenerates)",
    ),
    "another slot": (
        {"regeneratesId": "shot", "slot": "other"},
        "INVALID_INPUT",
        "slot: asset 'shot' belongs to slot 'shot', not 'other'",
    ),
    "another project": (
        {"regeneratesId": "shot", "projectCode": "VSS-002"},
        "INVALID_INPUT",
        "projectCode: asset 'shot' belongs to project 'VSS-001'; a new attempt of its slot "
        "cannot be recorded in project 'VSS-002'",
    ),
}


async def scene(gql: GraphQLClient) -> None:
    for code in ("VSS-001", "VSS-002"):
        await gql.data(PROJECT, c=code)
    await image(gql, "shot", projectCode="VSS-001")
    await video(gql, "clip", "shot", "shot", projectCode="VSS-001")


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
async def test_a_refused_generation_names_its_reason_and_writes_nothing(
    gql: GraphQLClient, store: Store, case: str
) -> None:
    await scene(gql)
    given, code, message = REFUSALS[case]
    before = await store.read("integrity/list_snapshot")
    fields = {"id": "new", **AN_IMAGE, **given}
    error = await record_error(gql, **fields)
    assert (error["extensions"]["code"], error["message"]) == (code, message)
    assert await store.read("integrity/list_snapshot") == before


async def test_a_regeneration_joins_its_attempts_slot_and_project(gql: GraphQLClient) -> None:
    await scene(gql)
    again = await record(gql, id="again", regeneratesId="shot", slot="shot", **AN_IMAGE)
    assert (again["slot"], again["version"], again["isCurrent"]) == ("shot", 2, True)
    named = await record(gql, id="named", regeneratesId="again", projectCode="VSS-001", **AN_IMAGE)
    assert (named["slot"], named["version"]) == ("shot", 3)
    found = await gql.data('query { asset(id: "named") { projectCode previousVersion { id } } }')
    assert found["asset"] == {"projectCode": "VSS-001", "previousVersion": {"id": "again"}}
