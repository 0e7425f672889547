"""A project recorded through the API the way a studio records one, for bundle tests.

Two projects name their shots alike; VSS-001 has files, a regeneration that
leaves two scenes stale (one of them pinned), a prompt revision, a whole n8n
workflow run, an archived attempt, and an image built from VSS-002's shot (an
outside reference).
"""

from __future__ import annotations

from typing import Any

from tests.api.helpers import image, prompt, record, video
from tests.api.test_workflow_run_and_batching import RUN, n8n_run
from tests.conftest import GraphQLClient
from tests.files.samples import image_bytes

PROJECT = "VSS-001"
OTHER = "VSS-002"
PIN = """mutation($a: ID!, $i: ID!) { pinInput(assetId: $a, inputId: $i) { asset { id } } }"""
ARCHIVE = """mutation($id: ID!) { archiveAsset(id: $id) { asset { id } } }"""


async def upload(gql: GraphQLClient, color: str) -> str:
    response = await gql.http.post(
        "/files",
        params={"type": "image", "provider": "fal", "model": "flux"},
        content=image_bytes("PNG", color),
    )
    assert response.status_code in (200, 201), response.text
    ref: str = response.json()["ref"]
    return ref


async def shots(gql: GraphQLClient, code: str) -> None:
    await gql.data("mutation($c: String!) { createProject(input: {code: $c}) { code } }", c=code)
    for number, color in (("001", "red"), ("002", "blue")):
        ref = await upload(gql, f"{color}" if code == PROJECT else "gray")
        await image(
            gql, f"{code}-shot-{number}", slot=f"shot-{number}", projectCode=code, fileRef=ref
        )


async def record_story(gql: GraphQLClient) -> dict[str, Any]:
    """Both projects; returns the ids the tests look at."""
    await shots(gql, PROJECT)
    await shots(gql, OTHER)
    first = await prompt(
        gql, id="p-look", kind="HUMAN", role="seed", text="a fox at dawn", projectCode=PROJECT
    )
    await prompt(
        gql,
        id="p-look-2",
        kind="HUMAN",
        role="seed",
        text="a fox at dusk",
        projectCode=PROJECT,
        revisesId=first["id"],
    )
    for scene in ("vid-a", "vid-b"):
        await video(
            gql,
            f"{PROJECT}-{scene}",
            f"{PROJECT}-shot-001",
            f"{PROJECT}-shot-002",
            slot=scene,
            projectCode=PROJECT,
            promptIds=["p-look"],
        )
    ref = await upload(gql, "green")
    await image(gql, f"{PROJECT}-shot-001-v2", slot="shot-001", projectCode=PROJECT, fileRef=ref)
    await gql.data(PIN, a=f"{PROJECT}-vid-b", i=f"{PROJECT}-shot-001")
    await record(
        gql,
        id=f"{PROJECT}-borrowed",
        type="IMAGE",
        provider="fal",
        model="m",
        slot="borrowed",
        projectCode=PROJECT,
        sourceAssetIds=[f"{OTHER}-shot-001"],
    )
    await image(gql, f"{PROJECT}-extra", slot="extra", projectCode=PROJECT, fileRef=ref)
    await gql.data(ARCHIVE, id=f"{PROJECT}-extra")
    run = (await gql.data(RUN, **{"in": n8n_run(projectCode=PROJECT)}))["recordWorkflowRun"]
    return {"run": run["run"]["id"], "assets": [a["id"] for a in run["assets"]]}


async def record_scene(gql: GraphQLClient, code: str = PROJECT) -> None:
    """A small project: two shots with files, a scene made from them, a redone shot."""
    await shots(gql, code)
    await video(
        gql, f"{code}-vid", f"{code}-shot-001", f"{code}-shot-002", slot="001-002", projectCode=code
    )
    ref = await upload(gql, "green")
    await image(gql, f"{code}-shot-001-v2", slot="shot-001", projectCode=code, fileRef=ref)
