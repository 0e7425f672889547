"""A search finds assets through the prompts they were refined or revised from; slot filters."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import image, prompt
from tests.conftest import GraphQLClient

SEARCH = """query($f: AssetFilter) { assets(filter: $f, first: 50) {
  totalCount edges { node { id } matchedPrompts { id text } matchedOwnText } } }"""


async def hits(gql: GraphQLClient, **where: Any) -> dict[str, tuple[list[str], bool]]:
    """asset id -> (ids of the prompts that matched, whether its own text matched)."""
    edges = (await gql.data(SEARCH, f=where))["assets"]["edges"]
    return {
        e["node"]["id"]: (sorted(p["id"] for p in e["matchedPrompts"]), e["matchedOwnText"])
        for e in edges
    }


async def chain(gql: GraphQLClient) -> None:
    """human -> machine -> img-1; human-2 revises human: img-2, and machine-2 of it -> img-3."""
    await prompt(gql, id="human", kind="HUMAN", text="ลูกช้างเล่นน้ำ by the riverbank", role="image")
    refine = {"kind": "MACHINE", "role": "image", "refinedByModel": "gpt-4o"}
    await prompt(
        gql, id="machine", text="Baby elephant, cinematic", refinedFromId="human", **refine
    )
    await prompt(gql, id="human-2", kind="HUMAN", text="ช้างสีชมพู", role="image", revisesId="human")
    await prompt(
        gql, id="machine-2", text="Pink elephant, watercolor", refinedFromId="human-2", **refine
    )
    await image(gql, "img-1", promptIds=["machine"])
    await image(gql, "img-2", promptIds=["human-2"])
    await image(gql, "img-3", promptIds=["machine-2"])
    await image(gql, "img-own", prompt="A riverbank at dawn", name="riverbank study")


async def test_a_human_prompts_words_find_the_images_of_its_refinements(gql: GraphQLClient) -> None:
    await chain(gql)
    assert await hits(gql, search="ลูกช้าง") == {
        "img-1": (["human"], False),
        "img-2": (["human"], False),
        "img-3": (["human"], False),
    }
    assert await hits(gql, search="cinematic") == {"img-1": (["machine"], False)}
    assert await hits(gql, search="elephant") == {
        "img-1": (["machine"], False),
        "img-3": (["machine-2"], False),
    }
    assert await hits(gql, search="riverbank") == {
        "img-1": (["human"], False),
        "img-2": (["human"], False),
        "img-3": (["human"], False),
        "img-own": ([], True),
    }
    assert await hits(gql, search="ช้าง") == {
        "img-1": (["human"], False),
        "img-2": (["human", "human-2"], False),
        "img-3": (["human", "human-2"], False),
    }


async def test_without_the_chain_only_the_prompts_an_asset_was_made_from_match(
    gql: GraphQLClient,
) -> None:
    await chain(gql)
    assert await hits(gql, search="ลูกช้าง", searchPromptChain=False) == {}
    assert await hits(gql, search="ช้างสีชมพู", searchPromptChain=False) == {
        "img-2": (["human-2"], False)
    }
    assert await hits(gql, search="riverbank", searchPromptChain=False) == {"img-own": ([], True)}
    assert await hits(gql) == {i: ([], False) for i in ("img-1", "img-2", "img-3", "img-own")}


async def test_prompts_search_lists_prompts_only(gql: GraphQLClient) -> None:
    await chain(gql)
    query = "query($q: String) { prompts(search: $q) { edges { node { id } } } }"
    found = (await gql.data(query, q="riverbank"))["prompts"]["edges"]
    assert [e["node"]["id"] for e in found] == ["human"]


async def project(gql: GraphQLClient, code: str) -> None:
    await gql.data("mutation($c: String!) { createProject(input: {code: $c}) { code } }", c=code)


async def test_the_slot_filter_keeps_to_its_project(gql: GraphQLClient) -> None:
    await project(gql, "VSS-001")
    await project(gql, "VSS-002")
    for asset_id, code, slot in [
        ("a1", "VSS-001", "shot-001"),
        ("a2", "VSS-001", "shot-001"),
        ("a3", "VSS-001", "shot-002"),
        ("b1", "VSS-002", "shot-001"),
    ]:
        await image(gql, asset_id, slot=slot, projectCode=code)
    assert sorted(await hits(gql, projectCode="VSS-001", slot="shot-001")) == ["a1", "a2"]
    assert sorted(await hits(gql, projectCode="VSS-002", slot="shot-001")) == ["b1"]
    assert sorted(await hits(gql, projectCode="VSS-002", slot="shot-002")) == []


async def test_a_slot_without_a_project_or_blank_is_invalid_input(gql: GraphQLClient) -> None:
    for where, named in [
        ({"slot": "shot-001"}, "filter.projectCode"),
        ({"projectCode": "VSS-001", "slot": "   "}, "filter.slot"),
        ({"projectCode": "VSS-001", "slot": ""}, "filter.slot"),
    ]:
        body = await gql(SEARCH, f=where)
        error = body["errors"][0]
        assert error["extensions"]["code"] == "INVALID_INPUT", error
        assert named in error["message"] and "slot" in error["message"], error
