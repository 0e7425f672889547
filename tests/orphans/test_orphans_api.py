"""Orphans over HTTP: the audit's scenario, cascades, diamonds, chains, prompts, pins, impact."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import image, prompt, record, video
from tests.conftest import GraphQLClient

CHANGE = (
    "asset { id isCurrent } orphaned { id } restored { id } rootCausesChanged { id } "
    "orphanedIds restoredIds rootCausesChangedIds"
)
STATUS = """query($id: ID!) { asset(id: $id) { orphanStatus {
  state orphaned pinnedInputs reasons { kind rootCause path depth } } } }"""
ORPHANS = """query($code: String!, $root: ID, $first: Int) {
  orphans(projectCode: $code, rootCause: $root, first: $first) {
    totalCount estimatedCost estimatedCostMoney { amount currency } edges { node { id } }
    byRootCause { rootCause count estimatedCostMoney { amount } asset { id slot } } } }"""
IMPACT = """query($id: ID!, $action: ImpactAction!) { impact(assetId: $id, action: $action) {
  estimatedCostMoney { amount } restored { id }
  orphaned { depth alreadyOrphaned asset { id } status { state reasons { rootCause } } } } }"""


async def mutate(gql: GraphQLClient, field: str, args: str, **variables: Any) -> dict[str, Any]:
    declared = ", ".join(f"${k}: {'ID!' if k != 'error' else 'String!'}" for k in variables)
    passed = args or ", ".join(f"{k}: ${k}" for k in variables)
    data = await gql.data(
        f"mutation({declared}) {{ {field}({passed}) {{ {CHANGE} }} }}", **variables
    )
    result: dict[str, Any] = data[field]
    return ids_agree(result)


def ids_agree(change: dict[str, Any]) -> dict[str, Any]:
    """The payload's id lists name exactly the assets its asset lists give."""
    for listed in ("orphaned", "restored", "rootCausesChanged"):
        assert change[f"{listed}Ids"] == [a["id"] for a in change[listed]]
    return change


async def regenerate(gql: GraphQLClient, slot: str, new_id: str, **extra: Any) -> dict[str, Any]:
    body = await gql.data(
        f"mutation($in: RecordGenerationInput!) {{ recordGeneration(input: $in) {{ {CHANGE} }} }}",
        **{
            "in": {
                "id": new_id,
                "type": "IMAGE",
                "provider": "fal",
                "model": "Flux Pro v1.1",
                "slot": slot,
                "projectCode": "VSS-001",
                "estimatedCost": 0.05,
                **extra,
            }
        },
    )
    result: dict[str, Any] = body["recordGeneration"]
    return ids_agree(result)


async def status(gql: GraphQLClient, asset_id: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(STATUS, id=asset_id))["asset"]["orphanStatus"]
    return found


def ids(items: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in items}


async def project(gql: GraphQLClient) -> None:
    await gql.data('mutation { createProject(input: {code: "VSS-001"}) { code } }')


async def story(gql: GraphQLClient) -> None:
    """shot-001 and shot-002 -> the 001-002 video -> its thumbnail and a story cut."""
    await project(gql)
    for shot in ("shot-001", "shot-002"):
        await image(gql, shot, projectCode="VSS-001")
    await video(gql, "vid-001-002", "shot-001", "shot-002", projectCode="VSS-001", slot="v12")
    await record(
        gql,
        id="thumb-1",
        type="THUMBNAIL",
        provider="fal",
        model="t",
        sourceAssetIds=["vid-001-002"],
        projectCode="VSS-001",
        estimatedCost=0.01,
    )
    await record(
        gql,
        id="story-1",
        type="VIDEO",
        provider="ffmpeg",
        model="concat",
        sourceAssetIds=["vid-001-002"],
        frames=[{"assetId": "shot-001", "role": "START"}],
        projectCode="VSS-001",
        estimatedCost=0.0,
    )


async def test_regenerating_a_shot_orphans_its_video_and_everything_built_from_it(
    gql: GraphQLClient,
) -> None:
    await story(gql)
    assert (await status(gql, "vid-001-002"))["orphaned"] is False
    change = await regenerate(gql, "shot-001", "shot-001-v2")
    assert change["asset"]["isCurrent"] is True
    assert ids(change["orphaned"]) == {"vid-001-002", "thumb-1", "story-1"}
    video_status = await status(gql, "vid-001-002")
    assert video_status["state"] == "STALE"
    assert video_status["reasons"] == [
        {"kind": "STALE", "rootCause": "shot-001", "path": ["shot-001", "vid-001-002"], "depth": 1}
    ]
    thumb = await status(gql, "thumb-1")
    assert thumb["state"] == "INHERITED"
    assert thumb["reasons"] == [
        {
            "kind": "INHERITED",
            "rootCause": "shot-001",
            "path": ["shot-001", "vid-001-002", "thumb-1"],
            "depth": 2,
        }
    ]


async def test_a_diamond_reports_its_root_cause_once_per_kind(gql: GraphQLClient) -> None:
    await story(gql)
    await regenerate(gql, "shot-001", "shot-001-v2")
    reasons = (await status(gql, "story-1"))["reasons"]
    assert [(r["kind"], r["rootCause"], r["depth"]) for r in reasons] == [
        ("STALE", "shot-001", 1),
        ("INHERITED", "shot-001", 2),
    ]


async def test_revert_makes_the_orphans_current_again(gql: GraphQLClient) -> None:
    await story(gql)
    await regenerate(gql, "shot-001", "shot-001-v2")
    change = await mutate(gql, "revertTo", "assetId: $id", id="shot-001")
    assert ids(change["restored"]) == {"vid-001-002", "thumb-1", "story-1"}
    assert change["orphaned"] == []
    assert (await status(gql, "thumb-1"))["state"] == "OK"


async def test_a_generating_attempt_orphans_nothing_until_it_completes(gql: GraphQLClient) -> None:
    await story(gql)
    started = await regenerate(gql, "shot-001", "shot-001-v2", status="GENERATING")
    assert started["orphaned"] == [] and started["asset"]["isCurrent"] is False
    failed = await mutate(
        gql, "failGeneration", "id: $id, error: $error", id="shot-001-v2", error="nsfw"
    )
    assert failed["orphaned"] == []
    await regenerate(gql, "shot-001", "shot-001-v3", status="GENERATING")
    done = await gql.data(
        f'mutation {{ completeGeneration(input: {{id: "shot-001-v3"}}) {{ {CHANGE} }} }}'
    )
    assert ids(done["completeGeneration"]["orphaned"]) == {"vid-001-002", "thumb-1", "story-1"}


async def test_archiving_an_input_breaks_what_was_built_from_it(gql: GraphQLClient) -> None:
    await story(gql)
    change = await mutate(gql, "archiveAsset", "id: $id", id="shot-002")
    assert ids(change["orphaned"]) == {"vid-001-002", "thumb-1", "story-1"}
    video_status = await status(gql, "vid-001-002")
    assert video_status["state"] == "BROKEN"
    assert video_status["reasons"][0]["rootCause"] == "shot-002"


async def test_a_revised_prompt_makes_its_generations_stale(gql: GraphQLClient) -> None:
    await prompt(gql, id="p1", kind="HUMAN", text="a fox in snow", role="image")
    await image(gql, "fox", promptIds=["p1"])
    await image(gql, "fox-edit", sourceAssetIds=["fox"])
    await prompt(gql, id="p2", kind="HUMAN", text="a fox in rain", role="image", revisesId="p1")
    fox = await status(gql, "fox")
    assert fox["reasons"] == [
        {"kind": "STALE", "rootCause": "p1", "path": ["p1", "fox"], "depth": 1}
    ]
    assert (await status(gql, "fox-edit"))["reasons"][0]["path"] == ["p1", "fox", "fox-edit"]


async def test_a_long_chain_is_orphaned_at_every_depth(gql: GraphQLClient) -> None:
    await project(gql)
    await image(gql, "img-0", projectCode="VSS-001")
    for n in range(1, 9):
        await image(gql, f"img-{n}", sourceAssetIds=[f"img-{n - 1}"], projectCode="VSS-001")
    change = await regenerate(gql, "img-0", "img-0-v2")
    assert ids(change["orphaned"]) == {f"img-{n}" for n in range(1, 9)}
    deepest = await status(gql, "img-8")
    assert deepest["reasons"][0]["depth"] == 8
    assert deepest["reasons"][0]["path"] == [f"img-{n}" for n in range(9)]


async def test_pinning_accepts_an_old_input_until_unpinned(gql: GraphQLClient) -> None:
    await story(gql)
    await regenerate(gql, "shot-001", "shot-001-v2")
    pinned = await mutate(
        gql, "pinInput", "assetId: $a, inputId: $i", a="vid-001-002", i="shot-001"
    )
    assert ids(pinned["restored"]) == {"vid-001-002", "thumb-1"}
    assert (await status(gql, "vid-001-002"))["pinnedInputs"] == ["shot-001"]
    story_status = await status(gql, "story-1")
    assert [r["kind"] for r in story_status["reasons"]] == ["STALE"]
    unpinned = await mutate(
        gql, "unpinInput", "assetId: $a, inputId: $i", a="vid-001-002", i="shot-001"
    )
    assert ids(unpinned["orphaned"]) == {"vid-001-002", "thumb-1"}
    assert unpinned["rootCausesChanged"] == []  # story-1: still shot-001 alone, by two paths
    story_status = await status(gql, "story-1")
    assert sorted(r["kind"] for r in story_status["reasons"]) == ["INHERITED", "STALE"]
    second = await regenerate(gql, "shot-002", "shot-002-v2")
    assert ids(second["rootCausesChanged"]) == {"vid-001-002", "thumb-1", "story-1"}
    assert second["orphaned"] == []


async def test_pinning_an_input_the_asset_does_not_use_is_refused(gql: GraphQLClient) -> None:
    await story(gql)
    body = await gql(
        'mutation { pinInput(assetId: "thumb-1", inputId: "shot-002") { asset { id } } }'
    )
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "thumb-1" in body["errors"][0]["message"]
    assert (await status(gql, "thumb-1"))["pinnedInputs"] == []


async def test_orphans_page_totals_and_groups_by_root_cause(gql: GraphQLClient) -> None:
    await story(gql)
    await regenerate(gql, "shot-001", "shot-001-v2")
    await mutate(gql, "archiveAsset", "id: $id", id="shot-002")
    page = (await gql.data(ORPHANS, code="VSS-001", root=None, first=2))["orphans"]
    assert page["totalCount"] == 3 and len(page["edges"]) == 2
    assert page["estimatedCostMoney"] == {"amount": "0.13", "currency": "USD"}
    assert page["estimatedCost"] == 0.13  # deprecated, the exact sum as a float
    costs = {g["rootCause"]: g["estimatedCostMoney"]["amount"] for g in page["byRootCause"]}
    assert costs == {"shot-001": "0.13", "shot-002": "0.13"}
    groups = {g["rootCause"]: g["count"] for g in page["byRootCause"]}
    assert groups == {"shot-001": 3, "shot-002": 3}
    assert page["byRootCause"][0]["asset"]["slot"] in {"shot-001", "shot-002"}
    filtered = await gql.data(ORPHANS, code="VSS-001", root="shot-001", first=10)
    assert filtered["orphans"]["totalCount"] == 3
    catalog = await gql.data("{ assets(filter: {orphaned: true}) { totalCount } }")
    assert catalog["assets"]["totalCount"] == 3


async def test_impact_lists_what_a_regeneration_would_orphan_and_writes_nothing(
    gql: GraphQLClient,
) -> None:
    await story(gql)
    result = (await gql.data(IMPACT, id="shot-001", action="REGENERATE"))["impact"]
    assert [(i["asset"]["id"], i["depth"]) for i in result["orphaned"]] == [
        ("story-1", 1),
        ("vid-001-002", 1),
        ("thumb-1", 2),
    ]
    assert result["estimatedCostMoney"] == {"amount": "0.13"}
    assert all(not i["alreadyOrphaned"] for i in result["orphaned"])
    assert (await status(gql, "vid-001-002"))["orphaned"] is False
    archive = (await gql.data(IMPACT, id="vid-001-002", action="ARCHIVE"))["impact"]
    assert {i["asset"]["id"] for i in archive["orphaned"]} == {"thumb-1", "story-1"}
    assert archive["orphaned"][0]["status"]["state"] == "BROKEN"


async def test_impact_of_archiving_a_current_version_frees_consumers_of_its_predecessor(
    gql: GraphQLClient,
) -> None:
    await story(gql)
    await regenerate(gql, "shot-001", "shot-001-v2")
    result = (await gql.data(IMPACT, id="shot-001-v2", action="ARCHIVE"))["impact"]
    assert {r["id"] for r in result["restored"]} == {"vid-001-002", "thumb-1", "story-1"}
    assert result["orphaned"] == []


async def test_impact_of_a_revert_frees_what_the_old_version_fed_and_orphans_the_new_ones(
    gql: GraphQLClient,
) -> None:
    await story(gql)
    await regenerate(gql, "shot-001", "shot-001-v2")
    await video(gql, "vid-new", "shot-001-v2", "shot-002", projectCode="VSS-001", slot="v13")
    result = (await gql.data(IMPACT, id="shot-001", action="REVERT"))["impact"]
    assert {r["id"] for r in result["restored"]} == {"vid-001-002", "thumb-1", "story-1"}
    assert [(i["asset"]["id"], i["depth"]) for i in result["orphaned"]] == [("vid-new", 1)]
    assert (await status(gql, "vid-new"))["orphaned"] is False  # a dry run
    reverted = await mutate(gql, "revertTo", "assetId: $id", id="shot-001")
    assert set(reverted["restoredIds"]) == {r["id"] for r in result["restored"]}
    assert reverted["orphanedIds"] == ["vid-new"]
