"""A prompt's revisions through the API: what it revises, its whole history either way,
kept apart per project, read in a fixed number of queries however many prompts ask."""

from __future__ import annotations

from typing import Any

from tests.api.helpers import image, prompt
from tests.conftest import GraphQLClient
from tests.live_server import LiveServer

PROJECT = "mutation($c: String!) { createProject(input: {code: $c}) { code } }"
HISTORY = """query($id: ID!) { prompt(id: $id) {
  id revisedAt revises { id text } revisions { id text revises { id } } } }"""
ASSET_CHAIN = """query($id: ID!) { asset(id: $id) { prompts {
  text refinedFrom { id revisions { id text } } } } }"""
PAGE = """query($first: Int) { prompts(first: $first) { edges { node {
  id revises { id } revisions { id } } } } }"""


async def history(gql: GraphQLClient, project: str, words: list[str]) -> list[str]:
    """A human prompt of `project` revised once per further text, a day apart; the ids,
    oldest first."""
    await gql.data(PROJECT, c=project)
    ids: list[str] = []
    for day, text in enumerate(words, start=1):
        revised = {"revisesId": ids[-1]} if ids else {}
        made = await prompt(
            gql,
            id=f"{project}-v{day}",
            kind="HUMAN",
            text=text,
            role="image",
            projectCode=project,
            createdAt=f"2026-03-0{day}T10:00:00Z",
            **revised,
        )
        ids.append(made["id"])
    return ids


async def shown(gql: GraphQLClient, prompt_id: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(HISTORY, id=prompt_id))["prompt"]
    return found


async def test_each_version_knows_what_it_revises_and_the_whole_history(
    gql: GraphQLClient,
) -> None:
    cats = ["แมวนอนบนหลังคา", "แมวส้มนอนบนหลังคาสีแดง", "แมวส้มนอนบนหลังคาตอนพระอาทิตย์ตก"]
    alpha = await history(gql, "alpha", cats)
    beta = await history(gql, "beta", ["ช้างในป่า", "ช้างเล่นน้ำในป่า"])

    everyone = [{"id": i, "text": t} for i, t in zip(alpha, cats, strict=True)]
    older = [None, alpha[0], alpha[1]]
    for index, prompt_id in enumerate(alpha):
        found = await shown(gql, prompt_id)
        assert [{"id": p["id"], "text": p["text"]} for p in found["revisions"]] == everyone
        assert [p["revises"] and p["revises"]["id"] for p in found["revisions"]] == older
        assert (found["revises"] or {}).get("id") == older[index]
        assert (found["revisedAt"] is None) == (index == len(alpha) - 1)
    assert (await shown(gql, alpha[1]))["revises"]["text"] == cats[0]

    newest_beta = await shown(gql, beta[1])
    assert [p["text"] for p in newest_beta["revisions"]] == ["ช้างในป่า", "ช้างเล่นน้ำในป่า"]
    assert newest_beta["revises"] == {"id": beta[0], "text": "ช้างในป่า"}


async def test_a_prompt_never_revised_is_its_only_version(gql: GraphQLClient) -> None:
    made = await prompt(gql, id="alone", kind="HUMAN", text="ทะเลยามเช้า", role="image")
    found = await shown(gql, made["id"])
    assert found["revises"] is None
    assert found["revisions"] == [{"id": "alone", "text": "ทะเลยามเช้า", "revises": None}]


async def test_two_revisions_of_one_prompt_are_both_in_its_history(gql: GraphQLClient) -> None:
    [first] = await history(gql, "gamma", ["นกบนกิ่งไม้"])
    for n, text in enumerate(["นกสีฟ้าบนกิ่งไม้", "นกสีเหลืองบนกิ่งไม้"], start=2):
        dated = {"createdAt": f"2026-04-0{n}T10:00:00Z", "projectCode": "gamma"}
        await prompt(
            gql, id=f"branch-{n}", kind="HUMAN", text=text, role="image", revisesId=first, **dated
        )
    for prompt_id in (first, "branch-2", "branch-3"):
        found = await shown(gql, prompt_id)
        assert [p["id"] for p in found["revisions"]] == [first, "branch-2", "branch-3"]


async def test_an_assets_prompt_chain_reaches_the_revision_of_its_human_prompt(
    gql: GraphQLClient,
) -> None:
    alpha = await history(gql, "alpha", ["ม้าวิ่งในทุ่ง"])
    refined = {"kind": "MACHINE", "role": "image", "refinedByModel": "gpt-4o"}
    machine = await prompt(gql, text="A horse galloping", refinedFromId=alpha[0], **refined)
    await image(gql, "horse", promptIds=[machine["id"]], projectCode="alpha")
    newer = {"revisesId": alpha[0], "projectCode": "alpha", "createdAt": "2026-05-01T10:00:00Z"}
    await prompt(gql, id="alpha-v2", kind="HUMAN", text="ม้าขาววิ่งในทุ่ง", role="image", **newer)

    [chain] = (await gql.data(ASSET_CHAIN, id="horse"))["asset"]["prompts"]
    assert chain["text"] == "A horse galloping"
    assert chain["refinedFrom"]["revisions"] == [
        {"id": alpha[0], "text": "ม้าวิ่งในทุ่ง"},
        {"id": "alpha-v2", "text": "ม้าขาววิ่งในทุ่ง"},
    ]


async def test_revisions_of_a_page_of_prompts_cost_a_fixed_number_of_queries(
    gql: GraphQLClient, live_server: LiveServer
) -> None:
    async def queries_for(first: int) -> int:
        before = live_server.queries_run
        edges = (await gql.data(PAGE, first=first))["prompts"]["edges"]
        assert len(edges) == first
        return live_server.queries_run - before

    for project in ("alpha", "beta", "gamma"):
        await history(gql, project, ["ภูเขา", "ภูเขาหิมะ", "ภูเขาหิมะยามค่ำ"])
    small, large = await queries_for(2), await queries_for(9)
    assert small == large, f"{small} queries for 2 prompts but {large} for 9"
