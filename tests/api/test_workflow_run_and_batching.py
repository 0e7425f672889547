"""The whole n8n run in one transaction, and nested queries without N+1."""

from __future__ import annotations

from tests.api.helpers import image, prompt, video
from tests.conftest import GraphQLClient, LiveServer

RUN = """mutation($in: RecordWorkflowRunInput!) { recordWorkflowRun(input: $in) {
  run { id engine workflowId executionId status }
  prompts { id kind role } assets { id type } } }"""


def n8n_run(**overrides: object) -> dict[str, object]:
    def human(key: str, role: str, text: str) -> dict[str, object]:
        return {"key": key, "prompt": {"kind": "HUMAN", "role": role, "text": text}}

    def machine(key: str, source: str, role: str) -> dict[str, object]:
        return {
            "key": key,
            "prompt": {
                "kind": "MACHINE",
                "role": role,
                "text": f"refined {role}",
                "refinedFromId": source,
                "refinedByModel": "gpt-4o",
            },
        }

    def gen(key: str, kind: str, **fields: object) -> dict[str, object]:
        return {"key": key, "generation": {"type": kind, "provider": "fal", "model": "m", **fields}}

    return {
        "clientKey": "n8n-exec-991",
        "engine": "n8n",
        "workflowId": "wf-12",
        "executionId": "991",
        "projectCode": "VSS-001",
        "prompts": [
            human("seed", "seed", "a fox"),
            human("edit", "edit", "make it night"),
            human("anim", "animation", "slow dolly"),
            machine("seed+", "seed", "seed"),
            machine("edit+", "edit", "edit"),
            machine("anim+", "anim", "animation"),
        ],
        "generations": [
            gen("img1", "IMAGE", promptIds=["seed+"]),
            gen("img2", "IMAGE", promptIds=["edit+"], sourceAssetIds=["img1"]),
            gen(
                "clip",
                "VIDEO",
                promptIds=["anim+"],
                frames=[{"assetId": "img1", "role": "START"}, {"assetId": "img2", "role": "END"}],
            ),
        ],
        **overrides,
    }


async def test_whole_n8n_run_in_one_call(gql: GraphQLClient) -> None:
    await gql.data('mutation { createProject(input: {code: "VSS-001"}) { code } }')
    result = (await gql.data(RUN, **{"in": n8n_run()}))["recordWorkflowRun"]
    assert result["run"]["engine"] == "n8n" and result["run"]["executionId"] == "991"
    assert [p["kind"] for p in result["prompts"]] == ["HUMAN"] * 3 + ["MACHINE"] * 3
    assert [a["type"] for a in result["assets"]] == ["IMAGE", "IMAGE", "VIDEO"]
    clip_id = result["assets"][2]["id"]
    clip = (
        await gql.data(
            """query($id: ID!) { asset(id: $id) {
        workflow { id } project { code }
        prompts { text refinedFrom { text } }
        frames { role asset { sources { id } prompts { text } } } } }""",
            id=clip_id,
        )
    )["asset"]
    assert clip["workflow"]["id"] == result["run"]["id"]
    assert clip["project"] == {"code": "VSS-001"}
    assert clip["prompts"] == [{"text": "refined animation", "refinedFrom": {"text": "slow dolly"}}]
    assert clip["frames"][1]["asset"]["sources"] == [{"id": result["assets"][0]["id"]}]
    replay = (await gql.data(RUN, **{"in": n8n_run()}))["recordWorkflowRun"]
    assert replay == result


async def test_a_bad_item_rolls_back_the_whole_run(gql: GraphQLClient) -> None:
    await gql.data('mutation { createProject(input: {code: "VSS-001"}) { code } }')
    broken = n8n_run(clientKey="n8n-exec-992")
    broken["generations"][2]["generation"]["frames"][0]["assetId"] = "missing"  # type: ignore[index]
    body = await gql(RUN, **{"in": broken})
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    runs = await gql.data(
        "{ workflows { totalCount } prompts { totalCount } assets { totalCount } }"
    )
    assert runs == {
        "workflows": {"totalCount": 0},
        "prompts": {"totalCount": 0},
        "assets": {"totalCount": 0},
    }


NESTED = """query($first: Int) { assets(first: $first, filter: {type: VIDEO}) { edges { node {
  id prompts { id } frames { role asset { id versions { id } } } versions { id status }
  usedBy { id } workflow { id } project { code } lineageCost } } } }"""


async def test_nested_page_runs_a_fixed_number_of_queries(
    gql: GraphQLClient, live_server: LiveServer
) -> None:
    async def queries_for(first: int) -> int:
        before = live_server.queries_run
        page = await gql.data(NESTED, first=first)
        assert len(page["assets"]["edges"]) == first
        return live_server.queries_run - before

    seed = await prompt(gql, kind="HUMAN", text="fox", role="animation")
    for n in range(30):
        await image(gql, f"s{n}")
        await video(gql, f"v{n}", f"s{n}", f"s{n}", promptIds=[seed["id"]])
    small, large = await queries_for(3), await queries_for(30)
    assert small == large, f"{small} queries for 3 videos but {large} for 30"
    assert large <= 10
