"""Cypher, JSON and Lucene meta characters are plain text: stored, read and searched as sent."""

from __future__ import annotations

from typing import Any

import pytest

from lineage.db.store import Store
from lineage.integrity import check_integrity
from tests.api.helpers import PROMPT, RECORD
from tests.conftest import GraphQLClient

NASTY = [
    "'}) MATCH (n) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n RETURN 1 AS x //',
    "\\\\'\\\"\\u0000 back\\slash",
    "`backtick` ${param} $ids {{}} [[]]",
    '{"json": [1, {"a": "b"}], "x": null}',
    "/* comment */ // line -- dash ; semi",
    'lucene *:* ~fuzzy^4 "phrase" +must -not (a OR b) field:value [a TO z] ? \\',
    "ช้างน้อย 🐘 น่ารัก 🎬✨ ไทย",
    "CALL db.labels() YIELD label RETURN label",
]
SEARCH = """query($s: String) { assets(filter: {search: $s}, first: 50) {
  totalCount edges { node { id name prompt prompts { id text } project { code title } } } } }"""
PROJECT = """mutation($in: CreateProjectInput!) { createProject(input: $in) { code title } }"""


async def node_counts(store: Store) -> dict[str, int]:
    async with store.driver.session() as session:
        result = await session.run("MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n")
        return {record["l"]: record["n"] async for record in result}


async def record_nasty(gql: GraphQLClient, i: int, text: str) -> dict[str, Any]:
    code = f"P-{i}"  # codes are validated: 1-64 letters, digits, '-' or '_'
    project = (await gql.data(PROJECT, **{"in": {"code": code, "title": text}}))["createProject"]
    assert project == {"code": code, "title": text}
    fields = {"id": f"prompt {i} {text}", "kind": "HUMAN", "text": f"{text} marker{i}"}
    prompt = (await gql.data(PROMPT, **{"in": {**fields, "role": text}}))["recordPrompt"]
    assert prompt["text"] == fields["text"] and prompt["role"] == text
    asset = {
        "id": f"asset {i} {text}",
        "type": "IMAGE",
        "provider": text,
        "model": text,
        "name": text,
        "slot": f"slot {text}",
        "projectCode": code,
        "promptIds": [prompt["id"]],
        "params": {"text": text, text: [text]},
    }
    recorded = (await gql.data(RECORD, **{"in": asset}))["recordGeneration"]["asset"]
    assert recorded["id"] == asset["id"] and recorded["provider"] == text
    assert recorded["params"] == asset["params"]
    return asset


async def test_meta_characters_round_trip_and_search_as_plain_text(
    gql: GraphQLClient, store: Store
) -> None:
    recorded = [await record_nasty(gql, i, text) for i, text in enumerate(NASTY)]
    before = await node_counts(store)
    for i, text in enumerate(NASTY):
        page = (await gql.data(SEARCH, s=f"{text} marker{i}"))["assets"]
        assert [e["node"]["id"] for e in page["edges"]] == [recorded[i]["id"]], text
        node = page["edges"][0]["node"]
        assert node["name"] == text
        assert node["prompts"][0]["text"] == f"{text} marker{i}"
        assert node["project"] == {"code": recorded[i]["projectCode"], "title": text}
    assert await node_counts(store) == before
    assert before["Asset"] == before["Project"] == before["Prompt"] == len(NASTY)
    assert await check_integrity(store) == []


@pytest.mark.parametrize("text", NASTY)
async def test_meta_characters_as_lookups_find_nothing_and_break_nothing(
    gql: GraphQLClient, store: Store, text: str
) -> None:
    await gql.data(PROJECT, **{"in": {"code": "KEEP"}})
    lookups = [
        "query($t: ID!) { asset(id: $t) { id } }",
        "query($t: ID!) { prompt(id: $t) { id } }",
        "query($t: String!) { project(code: $t) { code } }",
    ]
    for lookup in lookups:
        body = await gql(lookup, t=text)
        codes = {error["extensions"]["code"] for error in body.get("errors", [])}
        assert codes <= {"INVALID_INPUT", "NOT_FOUND"}, body  # named as what it is
    found = await gql.data(
        """query($t: String!) { assets(filter: {search: $t, provider: $t, model: $t}) {
             totalCount } }""",
        t=text,
    )
    assert found == {"assets": {"totalCount": 0}}
    assert (await node_counts(store)).get("Project") == 1
