"""Lineage walks both ways with a depth limit, and cost roll-ups."""

from __future__ import annotations

from tests.api.helpers import image, record, video
from tests.conftest import GraphQLClient

LINEAGE = """query($id: ID!, $dir: LineageDirection!, $depth: Int!) {
  lineage(id: $id, direction: $dir, depth: $depth) {
    truncated nodes { id kind distance } edges { fromId toId type properties } } }"""


async def chain(gql: GraphQLClient, length: int) -> None:
    """img-0 <- img-1 <- ... each generated from the previous one."""
    await image(gql, "img-0")
    for n in range(1, length):
        await image(gql, f"img-{n}", sourceAssetIds=[f"img-{n - 1}"])


async def test_upstream_with_depth_limit_reports_truncation(gql: GraphQLClient) -> None:
    await chain(gql, 5)
    result = (await gql.data(LINEAGE, id="img-4", dir="UPSTREAM", depth=2))["lineage"]
    assert {(n["id"], n["distance"]) for n in result["nodes"]} == {
        ("img-4", 0),
        ("img-3", 1),
        ("img-2", 2),
    }
    assert result["truncated"] is True
    full = (await gql.data(LINEAGE, id="img-4", dir="UPSTREAM", depth=4))["lineage"]
    assert len(full["nodes"]) == 5 and full["truncated"] is False


async def test_downstream_and_both_directions(gql: GraphQLClient) -> None:
    await image(gql, "shot-001")
    await image(gql, "shot-002")
    await video(gql, "vid-1", "shot-001", "shot-002")
    await record(
        gql, id="thumb-1", type="THUMBNAIL", provider="fal", model="t", sourceAssetIds=["vid-1"]
    )
    down = (await gql.data(LINEAGE, id="shot-001", dir="DOWNSTREAM", depth=5))["lineage"]
    assert {(n["id"], n["distance"]) for n in down["nodes"]} == {
        ("shot-001", 0),
        ("vid-1", 1),
        ("thumb-1", 2),
    }
    frame_edge = next(e for e in down["edges"] if e["type"] == "USES_FRAME")
    assert frame_edge["fromId"] == "vid-1" and frame_edge["properties"]["role"] == "START"
    both = (await gql.data(LINEAGE, id="vid-1", dir="BOTH", depth=1))["lineage"]
    assert {n["id"] for n in both["nodes"]} == {"vid-1", "shot-001", "shot-002", "thumb-1"}
    assert all(n["kind"] == "ASSET" for n in both["nodes"])


DRAWN = """query($id: ID!, $dir: LineageDirection!, $depth: Int!) {
  lineage(id: $id, direction: $dir, depth: $depth) {
    graph rootId truncated
    nodes { id kind labels distance properties } edges { fromId toId type properties } } }"""


async def test_graph_is_the_typed_fields_as_one_json_value(gql: GraphQLClient) -> None:
    await chain(gql, 3)
    await image(gql, "img-end")
    await video(gql, "vid-1", "img-2", "img-end")
    result = (await gql.data(DRAWN, id="vid-1", dir="BOTH", depth=2))["lineage"]
    graph = result.pop("graph")
    assert graph == result
    assert graph["rootId"] == "vid-1" and graph["truncated"] is True
    assert [(n["id"], n["distance"]) for n in graph["nodes"]] == [
        ("vid-1", 0),
        ("img-2", 1),
        ("img-end", 1),
        ("img-1", 2),
    ]
    assert graph["nodes"][1]["kind"] == "ASSET" and "Asset" in graph["nodes"][1]["labels"]
    frames = {
        e["toId"]: e["properties"]["role"] for e in graph["edges"] if e["type"] == "USES_FRAME"
    }
    assert frames == {"img-2": "START", "img-end": "END"}


async def test_depth_over_the_maximum_is_refused(gql: GraphQLClient) -> None:
    await image(gql, "img-0")
    body = await gql(LINEAGE, id="img-0", dir="BOTH", depth=99)
    assert body["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert "99" in body["errors"][0]["message"]


async def test_cost_summary_groups(gql: GraphQLClient) -> None:
    await gql.data('mutation { createProject(input: {code: "VSS-001"}) { code } }')
    await image(gql, "a", projectCode="VSS-001", createdAt="2025-12-30T10:00:00Z")
    await image(gql, "b", projectCode="VSS-001", provider="kie", createdAt="2025-12-31T10:00:00Z")
    await record(
        gql,
        id="c",
        type="IMAGE",
        provider="kie",
        model="m",
        projectCode="VSS-001",
        status="FAILED",
        error="timeout",
        estimatedCost=0.5,
        createdAt="2025-12-31T11:00:00Z",
    )
    query = """query($by: CostGroupBy!) { costSummary(projectCode: "VSS-001", groupBy: $by) {
      totalCostMoney { amount currency }
      groups { key attempts failedAttempts costMoney { amount } failedCostMoney { amount } } } }"""
    by_day = (await gql.data(query, by="DAY"))["costSummary"]
    assert by_day["totalCostMoney"] == {"amount": "0.6", "currency": "USD"}
    assert [(g["key"], g["attempts"]) for g in by_day["groups"]] == [
        ("2025-12-30", 1),
        ("2025-12-31", 2),
    ]
    by_provider = (await gql.data(query, by="PROVIDER"))["costSummary"]["groups"]
    kie = next(g for g in by_provider if g["key"] == "kie")
    assert kie["failedAttempts"] == 1 and kie["failedCostMoney"] == {"amount": "0.5"}
    by_type = (await gql.data(query, by="TYPE"))["costSummary"]["groups"]
    assert [(g["key"], g["costMoney"]["amount"]) for g in by_type] == [("IMAGE", "0.6")]
