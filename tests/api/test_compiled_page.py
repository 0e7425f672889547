"""An `assets` page answered from its statement's rows (`lineage.assets.compiled`) gives
byte for byte the JSON graphql-core's execution gives, for many selections and pages of
a graph with two projects sharing slot names, regenerations, orphans and Thai prompts;
what it cannot read, and every error, the normal execution answers.

The normal answer of the same selection is asked with a second root field (`viewer`),
which the fast path never serves; `compile_operation` is called directly to show that the
first request was one it serves.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from graphql import parse

from lineage.api.compiled import compile_operation
from lineage.api.schema import COMPILED_FIELDS, schema
from lineage.api.selection import NotCompiled
from lineage.assets.service import AssetService
from lineage.db.store import Store
from lineage.settings import Settings
from tests.api.test_nested_page import PAGES, story_graph
from tests.conftest import GraphQLClient, LiveServer

PLAIN_ASSET = """id type slot version isCurrent provider model status name prompt filename url
  error createdAt completedAt estimatedCost generationTimeMs projectCode fileRef fileSha256
  fileSizeBytes mediaType fileMissing fileProblem metadataMissing orphaned __typename"""
PLAIN_PROMPT = "id kind text role createdAt projectCode refinedByModel revisedAt __typename"
NODES = {
    "story builder": """id frames { role position asset { id filename provider } }
      prompts { id text } previousVersion { id status }""",
    "every plain field": PLAIN_ASSET,
    "every nested field": f"""{PLAIN_ASSET} frames {{ __typename role position asset {{
      {PLAIN_ASSET} }} }} prompts {{ {PLAIN_PROMPT} }} sources {{ id slot }}
      versions {{ id status isCurrent }} previousVersion {{ id version }}
      currentVersion {{ id version }} usedBy {{ id type }}""",
    "aliases and repeats": """key: id id kind: type start: frames { role image: asset { id } }
      again: frames { position image: asset { slot } } before: previousVersion { id }
      before: previousVersion { status } now: currentVersion { v: version }""",
    "fragments": """...Card ... on Asset { usedBy { id } } ... @include(if: $yes) { slot }
      sources @skip(if: $yes) { id } versions @include(if: $no) { id }
      prompts @skip(if: $no) { ...Words }""",
}
FRAGMENTS = """fragment Card on Asset { id prompts { text } versions { ...Attempt } }
fragment Attempt on Asset { id status __typename }
fragment Words on Prompt { text kind }"""
EDGES = {
    "edges only": "edges { node { %s } }",
    "everything around the node": """__typename totalCount pageInfo { __typename
      hasNextPage hasPreviousPage startCursor endCursor } edges { __typename cursor
      matchedOwnText matchedPrompts { id text } node { %s } }""",
}
ARGUMENTS = "$filter: AssetFilter, $orderBy: AssetOrder, $first: Int, $after: String"
FLAGS = "$yes: Boolean = true, $no: Boolean = false"
QUERY = """query Page(%s%s) { %s assets(filter: $filter, orderBy: $orderBy, first: $first,
  after: $after) { %s } } %s"""
SEARCHES: dict[str, dict[str, Any]] = {
    "by words": {"filter": {"search": "ลูกช้าง"}},
    "a slot": {"filter": {"projectCode": "VSS-002", "slot": "shot-001"}},
}


def query(node: str, around: str, beside: str = "") -> str:
    """A page query with `node` inside `around`, and `beside` as another root field."""
    with_fragments = "...Card" in node  # (unused variables and fragments are invalid)
    flags, fragments = (", " + FLAGS, FRAGMENTS) if with_fragments else ("", "")
    return QUERY % (ARGUMENTS, flags, beside, around % node, fragments)


async def text(http: httpx.AsyncClient, document: str, variables: dict[str, Any]) -> str:
    response = await http.post("/graphql", json={"query": document, "variables": variables})
    assert response.status_code == 200, response.text
    return response.text


def assets_json(body: str) -> str:
    """The `assets` answer of a response as JSON text, in the response's order."""
    found = json.loads(body)
    assert "errors" not in found, found
    return json.dumps(found["data"]["assets"], ensure_ascii=False)


class Services:
    """The services `answer` reads with (a request context holds the same)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.assets = AssetService(store)
        self.settings = settings


async def compare(
    http: httpx.AsyncClient, services: Services, page: tuple[str, str], variables: dict[str, Any]
) -> str:
    """The fast and the normal answer of one page (node, around), checked equal; the answer."""
    document = query(*page)
    normal = await text(http, query(*page, beside="viewer { keyId }"), variables)
    compiled = compile_operation(schema, parse(document), variables, None, COMPILED_FIELDS)
    direct = await compiled.answer(schema, variables, services)
    fast = await text(http, document, variables)
    assert assets_json(fast) == assets_json(normal)
    assert json.dumps(direct["assets"], ensure_ascii=False) == assets_json(normal)
    return assets_json(fast)


@pytest.mark.parametrize("around", EDGES)
@pytest.mark.parametrize("node", NODES)
async def test_a_compiled_page_answers_as_graphql_core_does(
    http: httpx.AsyncClient,
    gql: GraphQLClient,
    store: Store,
    settings: Settings,
    node: str,
    around: str,
) -> None:
    await story_graph(gql)
    services = Services(store, settings)
    for arguments in PAGES.values():
        after = None
        for _ in range(3):  # the first pages of two, by cursor
            variables = {**arguments, "first": 2, "after": after}
            found = json.loads(
                await compare(http, services, (NODES[node], EDGES[around]), variables)
            )
            if "pageInfo" not in found or not found["pageInfo"]["hasNextPage"]:
                break
            after = found["pageInfo"]["endCursor"]


async def test_pages_by_words_or_slot_compile_without_nested_fields(
    http: httpx.AsyncClient, gql: GraphQLClient, store: Store, settings: Settings
) -> None:
    await story_graph(gql)
    services = Services(store, settings)
    page = (NODES["every plain field"], EDGES["everything around the node"])
    for arguments in SEARCHES.values():
        found = json.loads(await compare(http, services, page, {**arguments, "first": 5}))
        assert found["edges"], arguments
    nested = query(NODES["story builder"], EDGES["edges only"])
    compiled = compile_operation(schema, parse(nested), SEARCHES["by words"], None, COMPILED_FIELDS)
    with pytest.raises(NotCompiled):  # not read along: the loaders answer
        await compiled.answer(schema, SEARCHES["by words"], services)


def errors_of(body: str) -> list[tuple[str, str, Any]]:
    found = json.loads(body)
    assert found["data"] is None, found
    return [(e["message"], e["extensions"]["code"], e.get("path")) for e in found["errors"]]


async def assert_fails_alike(
    http: httpx.AsyncClient, compiled: str, normal: str, variables: dict[str, Any]
) -> None:
    """`compiled` (a query the compiled path answers) and `normal` (the same with a field
    beside it that keeps graphql-core executing it) fail, with the same errors."""
    fast = errors_of(await text(http, compiled, variables))
    assert fast, variables
    assert fast == errors_of(await text(http, normal, variables))


BAD_PAGES: dict[str, dict[str, Any]] = {
    "a cursor that is not one": {"after": "not-a-cursor"},
    "a page too large": {"first": 1_000},
    "a negative page": {"first": -1},
    "a slot without its project": {"filter": {"slot": "shot-001"}},
    "a variable that does not coerce": {"first": "many"},
}


@pytest.mark.parametrize("bad", BAD_PAGES)
async def test_errors_are_the_normal_executions(
    http: httpx.AsyncClient, gql: GraphQLClient, bad: str
) -> None:
    await story_graph(gql)
    page = (NODES["story builder"], EDGES["everything around the node"])
    normal = query(*page, beside="viewer { keyId }")
    await assert_fails_alike(http, query(*page), normal, BAD_PAGES[bad])


async def test_limits_and_keys_apply_before_a_page_is_read(
    http: httpx.AsyncClient, live_server: LiveServer
) -> None:
    aliases = " ".join(f"a{n}: id" for n in range(40))
    body = await text(http, query(aliases, EDGES["edges only"]), {})
    assert [code for _, code, _ in errors_of(body)] == ["LIMIT_EXCEEDED"]
    async with httpx.AsyncClient(base_url=live_server.url) as nobody:
        refused = await nobody.post("/graphql", json={"query": query("id", EDGES["edges only"])})
    assert refused.status_code == 401


NOT_COMPILED = {
    "a field with a resolver": "id params",
    "a computed object": "id media { width }",
    "a card's field below a nested asset": "id frames { asset { signedUrl } }",
    "a workflow run": "id workflow { id }",
    "a project": "id project { code }",
    "nested below a nested asset": "id frames { asset { prompts { id } } }",
    "below a prompt": "id prompts { refinedFrom { id } }",
}


@pytest.mark.parametrize("selection", NOT_COMPILED)
def test_what_is_not_plain_is_left_to_the_normal_execution(selection: str) -> None:
    document = parse(query(NOT_COMPILED[selection], EDGES["edges only"]))
    with pytest.raises(NotCompiled):
        compile_operation(schema, document, {}, None, COMPILED_FIELDS)


def test_an_operation_with_more_than_one_page_is_left_to_the_normal_execution() -> None:
    two = "query { a: assets { edges { node { id } } } b: assets { edges { node { id } } } }"
    with pytest.raises(NotCompiled):
        compile_operation(schema, parse(two), {}, None, COMPILED_FIELDS)
    with pytest.raises(NotCompiled):
        beside = parse(query("id", EDGES["edges only"], "viewer { keyId }"))
        compile_operation(schema, beside, {}, None, COMPILED_FIELDS)
