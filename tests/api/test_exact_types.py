"""Types a generated client uses as they are: DateTime, exact Money, one enum spelling."""

from __future__ import annotations

from tests.api.helpers import image, prompt, record, video
from tests.conftest import GraphQLClient

COSTS = """query($code: String!) { costSummary(projectCode: $code, groupBy: TYPE) {
  totalCost totalCostMoney { amount currency } groups { key costMoney { amount } } } }"""
GRAPH = """query($id: ID!) { lineage(id: $id, direction: UPSTREAM, depth: 3) { graph } }"""
TIMES = """query($id: ID!) { asset(id: $id) { createdAt completedAt } }"""
SINCE = (
    """query($from: DateTime!) { assets(filter: {createdFrom: $from}) { edges { node { id } } } }"""
)


async def test_costs_add_up_exactly_with_their_currency(gql: GraphQLClient) -> None:
    await gql.data('mutation { createProject(input: {code: "VSS-001"}) { code } }')
    for n in range(3):  # 0.19 three times: a float sum says 0.5700000000000001
        await image(gql, f"img-{n}", projectCode="VSS-001", estimatedCost=0.19)
    summary = (await gql.data(COSTS, code="VSS-001"))["costSummary"]
    assert summary["totalCostMoney"] == {"amount": "0.57", "currency": "USD"}
    assert summary["groups"] == [{"key": "IMAGE", "costMoney": {"amount": "0.57"}}]
    assert summary["totalCost"] == 0.57  # the deprecated float, from the exact sum
    await video(gql, "vid", "img-0", "img-1", projectCode="VSS-001")  # 0.12
    detail = """{ asset(id: "vid") { estimatedCostMoney { amount currency }
      lineageCostMoney { amount } } }"""
    asset = (await gql.data(detail))["asset"]
    assert asset == {
        "estimatedCostMoney": {"amount": "0.12", "currency": "USD"},
        "lineageCostMoney": {"amount": "0.5"},
    }


async def test_times_are_iso_utc_with_milliseconds_however_they_were_sent(
    gql: GraphQLClient,
) -> None:
    await image(
        gql, "img", createdAt="2025-12-31T11:00:00+01:00", completedAt="2025-12-31T10:00:05"
    )
    times = (await gql.data(TIMES, id="img"))["asset"]
    assert times == {
        "createdAt": "2025-12-31T10:00:00.000Z",
        "completedAt": "2025-12-31T10:00:05.000Z",
    }
    found = (await gql.data(SINCE, **{"from": "2025-12-31T10:59:59.999+01:00"}))["assets"]
    assert [e["node"]["id"] for e in found["edges"]] == ["img"]
    later = (await gql.data(SINCE, **{"from": "2025-12-31T10:00:00.001Z"}))["assets"]
    assert later["edges"] == []


async def test_a_time_that_is_not_iso_8601_is_invalid_input(gql: GraphQLClient) -> None:
    body = await gql(SINCE, **{"from": "yesterday"})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert "not an ISO-8601 time: 'yesterday'" in error["message"]


async def test_the_drawn_graph_spells_enums_as_the_schema_does(gql: GraphQLClient) -> None:
    human = await prompt(gql, kind="HUMAN", text="a red fox", role="image")
    await image(gql, "img-0", promptIds=[human["id"]])
    await image(gql, "img-1")
    await video(gql, "vid", "img-0", "img-1")
    await record(
        gql,
        id="thumb",
        type="THUMBNAIL",
        provider="fal",
        model="t",
        status="GENERATING",
        sourceAssetIds=["vid"],
    )
    graph = (await gql.data(GRAPH, id="thumb"))["lineage"]["graph"]
    nodes = {n["id"]: n for n in graph["nodes"]}
    assert {n["kind"] for n in nodes.values()} == {"ASSET", "HUMAN_PROMPT"}
    assert (nodes["vid"]["properties"]["type"], nodes["vid"]["properties"]["status"]) == (
        "VIDEO",
        "READY",
    )
    assert nodes["thumb"]["properties"]["status"] == "GENERATING"
    assert nodes[human["id"]]["properties"]["kind"] == "HUMAN"
    roles = {
        e["toId"]: e["properties"]["role"] for e in graph["edges"] if e["type"] == "USES_FRAME"
    }
    assert roles == {"img-0": "START", "img-1": "END"}
