"""Recording each tool's generations over HTTP, with versions, revert and costs."""

from __future__ import annotations

from tests.api.helpers import image, prompt, record, video
from tests.conftest import GraphQLClient

DETAIL = """query($id: ID!) { asset(id: $id) {
  id version isCurrent status lineageCost lineageCostMoney { amount currency } params
  prompts { id text } sources { id } frames { role position asset { id } }
  usedBy { id } project { code } workflow { id }
  versions { id version status } previousVersion { id } currentVersion { id } } }"""


async def test_each_tool_records_its_full_parameters(gql: GraphQLClient) -> None:
    await gql.data('mutation { createProject(input: {code: "VSS-001"}) { code } }')
    seed = await prompt(
        gql, kind="HUMAN", text="A fox at dawn", role="image", projectCode="VSS-001"
    )
    params = {
        "IMAGE": {
            "width": 1024,
            "height": 1024,
            "seed": 42,
            "guidanceScale": 7.5,
            "sampler": "dpm",
        },
        "AUDIO": {
            "voice": "Rachel",
            "voiceId": "21m00Tcm4TlvDq8ikWAM",
            "durationSeconds": 4.2,
            "format": "mp3",
        },
        "MUSIC": {
            "styleTags": ["lofi", "calm"],
            "modelVersion": "v4",
            "format": "mp3",
            "bpm": 90,
            "instrumental": False,
            "lyrics": "ช้าง ช้าง ช้าง",
        },
        "THUMBNAIL": {
            "template": "bold-left",
            "textOverlays": [{"text": "Fox!", "x": 10}],
            "composition": {"grid": "thirds"},
        },
    }
    for asset_type, values in params.items():
        asset = await record(
            gql,
            type=asset_type,
            provider="kie",
            model="m1",
            params=values,
            promptIds=[seed["id"]],
            projectCode="VSS-001",
            estimatedCost=0.01,
        )
        assert asset["params"] == values
        assert asset["type"] == asset_type and asset["status"] == "READY"
        detail = (await gql.data(DETAIL, id=asset["id"]))["asset"]
        assert detail["prompts"] == [{"id": seed["id"], "text": "A fox at dawn"}]
        assert detail["project"] == {"code": "VSS-001"}


async def test_video_frames_versions_revert_and_lineage_cost(gql: GraphQLClient) -> None:
    await image(gql, "shot-001")
    await image(gql, "shot-002")
    first = await video(gql, "vid-1", "shot-001", "shot-002", slot="001-002")
    failed = await video(
        gql,
        "vid-2",
        "shot-001",
        "shot-002",
        slot="001-002",
        status="FAILED",
        error="Provider timeout after 300s",
    )
    second = await video(gql, "vid-3", "shot-001", "shot-002", regeneratesId="vid-2")
    assert [first["version"], failed["version"], second["version"]] == [1, 2, 3]
    assert second["slot"] == "001-002" and second["isCurrent"]

    detail = (await gql.data(DETAIL, id="vid-3"))["asset"]
    assert [(f["role"], f["asset"]["id"]) for f in detail["frames"]] == [
        ("START", "shot-001"),
        ("END", "shot-002"),
    ]
    assert [v["status"] for v in detail["versions"]] == ["READY", "FAILED", "READY"]
    assert detail["previousVersion"] == {"id": "vid-2"}
    assert detail["currentVersion"] == {"id": "vid-3"}
    # three video attempts (0.12 each) + two shots (0.05 each)
    assert detail["lineageCostMoney"] == {"amount": "0.46", "currency": "USD"}
    assert detail["lineageCost"] == 0.46  # deprecated: the exact sum, as a float
    shot = (await gql.data(DETAIL, id="shot-001"))["asset"]
    assert {u["id"] for u in shot["usedBy"]} == {"vid-1", "vid-2", "vid-3"}

    reverted = await gql.data('mutation { revertTo(assetId: "vid-1") { asset { id isCurrent } } }')
    assert reverted["revertTo"]["asset"] == {"id": "vid-1", "isCurrent": True}
    assert (await gql.data(DETAIL, id="vid-3"))["asset"]["currentVersion"] == {"id": "vid-1"}


async def test_generating_then_complete_or_fail(gql: GraphQLClient) -> None:
    await image(gql, "img-a", status="GENERATING")
    done = await gql.data(
        'mutation { completeGeneration(input: {id: "img-a", url: "/files/x.jpg"}) '
        "{ asset { status isCurrent } } }"
    )
    assert done["completeGeneration"]["asset"] == {"status": "READY", "isCurrent": True}
    await image(gql, "img-b", status="GENERATING")
    failed = await gql.data(
        'mutation { failGeneration(id: "img-b", error: "nsfw filter") { asset { status } } }'
    )
    assert failed["failGeneration"]["asset"]["status"] == "FAILED"


async def test_archive_moves_current_back(gql: GraphQLClient) -> None:
    await image(gql, "s1-v1", slot="s1")
    await image(gql, "s1-v2", slot="s1")
    await gql.data('mutation { archiveAsset(id: "s1-v2") { asset { status } } }')
    detail = (await gql.data(DETAIL, id="s1-v2"))["asset"]
    assert detail["status"] == "ARCHIVED" and detail["currentVersion"] == {"id": "s1-v1"}


async def test_machine_prompt_refines_a_human_prompt(gql: GraphQLClient) -> None:
    human = await prompt(gql, id="hp-1", kind="HUMAN", text="fox", role="seed")
    machine = await prompt(
        gql,
        kind="MACHINE",
        text="a red fox, golden hour",
        role="seed",
        refinedFromId=human["id"],
        refinedByModel="gpt-4o",
    )
    found = await gql.data(
        "query($id: ID!) { prompt(id: $id) { kind refinedByModel refinedFrom { id } } }",
        id=machine["id"],
    )
    assert found["prompt"] == {
        "kind": "MACHINE",
        "refinedByModel": "gpt-4o",
        "refinedFrom": {"id": "hp-1"},
    }
