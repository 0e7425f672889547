"""`lineage` answered from the drawing (`lineage.graph.compiled`) gives byte for byte the
JSON graphql-core's execution gives, for many selections, every direction and several
depths, from every node of a graph with two projects sharing slot names, regenerations,
orphans, a workflow run and Thai prompts; what it cannot read, and every error, the
normal execution answers.

The normal answer of the same selection is asked with a second root field after it
(`viewer`), which the fast path never serves: the fast response's text must be the
normal one's up to that field. `compile_operation` is called directly to show that the
first request was one the fast path serves.
"""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
from graphql import parse

from lineage.api.compiled import NOT_COMPILED, OperationPlans, compile_operation
from lineage.api.schema import COMPILED_FIELDS, schema
from lineage.api.selection import NotCompiled
from lineage.db.store import Store
from lineage.graph.service import LineageService
from lineage.settings import Settings
from tests.api.test_compiled_page import assert_fails_alike, text
from tests.api.test_nested_page import story_graph
from tests.conftest import GraphQLClient, LiveServer

SELECTIONS = {
    "graph": "graph",
    "the bench's typed fields": """rootId truncated nodes { id kind labels distance properties }
      edges { fromId toId type properties }""",
    "typenames, aliases and repeats": """__typename root: rootId rootId cut: truncated
      nodes { __typename id at: distance id } from: edges { __typename fromId }
      edges { toId type } graph""",
    "fragments and directives": """...Shape nodes @include(if: $yes) { ...Node }
      edges @skip(if: $yes) { fromId } truncated @skip(if: $no)""",
}
FRAGMENTS = """fragment Shape on LineageResult { rootId edges { ... on LineageEdge { properties
  type } } } fragment Node on LineageNode { kind labels properties }"""
FLAGS = ", $yes: Boolean = true, $no: Boolean = false"
QUERY = """query Lineage($id: ID!, $direction: LineageDirection!, $depth: Int!%s) {
  lineage(id: $id, direction: $direction, depth: $depth) { %s } %s } %s"""
PREFIX = '{"data":{"lineage":'
DIRECTIONS = ("UPSTREAM", "DOWNSTREAM", "BOTH")
DEPTHS = (1, 5)


def query(selection: str, beside: str = "") -> str:
    """A lineage query selecting `selection`, and `beside` as another root field."""
    with_fragments = "...Shape" in selection  # (unused variables and fragments are invalid)
    flags, fragments = (FLAGS, FRAGMENTS) if with_fragments else ("", "")
    return QUERY % (flags, selection, beside, fragments)


class Services:
    """The services a compiled answer reads with (a request context holds the same)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.lineage = LineageService(store, settings.max_lineage_depth)


async def compare(
    http: httpx.AsyncClient, services: Services, selection: str, variables: dict[str, Any]
) -> str:
    """The fast and the normal answer of one selection, checked equal byte for byte, and
    the direct compiled answer in one statement; the `lineage` answer's text."""
    document = query(selection)
    fast = await text(http, document, variables)
    normal = await text(http, query(selection, beside="viewer { keyId }"), variables)
    assert fast.startswith(PREFIX) and fast.endswith("}}"), fast
    assert normal.startswith(fast[:-2] + ',"viewer":'), (fast, normal)
    compiled = compile_operation(schema, parse(document), variables, None, COMPILED_FIELDS)
    before = services.lineage.store.queries_run
    direct = await compiled.answer(schema, variables, services)
    assert services.lineage.store.queries_run - before == 1
    assert orjson.dumps(direct["lineage"]).decode() == fast[len(PREFIX) : -2]
    return fast[len(PREFIX) : -2]


async def every_node(gql: GraphQLClient) -> list[str]:
    """Every asset, prompt and workflow run of the graph: the nodes of the lineage of
    every asset."""
    found = await gql.data("{ assets(first: 100) { edges { node { id } } } }")
    assets = [edge["node"]["id"] for edge in found["assets"]["edges"]]
    nodes = set(assets)
    for asset in assets:
        drawn = await gql.data(query("graph"), id=asset, direction="BOTH", depth=10)
        nodes.update(node["id"] for node in drawn["lineage"]["graph"]["nodes"])
    return sorted(nodes)


@pytest.mark.parametrize("selection", SELECTIONS)
async def test_a_compiled_lineage_answers_as_graphql_core_does(
    http: httpx.AsyncClient, gql: GraphQLClient, store: Store, settings: Settings, selection: str
) -> None:
    await story_graph(gql)
    services = Services(store, settings)
    texts = []
    starts = await every_node(gql)
    assert {"VSS-001-shot-001", "VSS-002-shot-001"} <= set(starts)  # one slot, two projects
    for start in starts:
        for direction in DIRECTIONS:
            for depth in DEPTHS:
                variables = {"id": start, "direction": direction, "depth": depth}
                texts.append(await compare(http, services, SELECTIONS[selection], variables))
    if "properties" in SELECTIONS[selection]:
        assert any("ลูกช้าง" in answer for answer in texts)  # Thai, as UTF-8


async def test_the_compared_graph_has_every_kind_of_node(gql: GraphQLClient) -> None:
    await story_graph(gql)
    kinds: set[str] = set()
    for start in await every_node(gql):
        drawn = await gql.data(query("nodes { kind }"), id=start, direction="BOTH", depth=1)
        kinds.update(node["kind"] for node in drawn["lineage"]["nodes"])
    assert {"ASSET", "WORKFLOW"} <= kinds and kinds & {"HUMAN_PROMPT", "PROMPT"}


async def test_directives_read_their_variables_on_every_request(
    http: httpx.AsyncClient, gql: GraphQLClient, store: Store, settings: Settings
) -> None:
    """One text, the plan of each value of its directives' variables (`OperationPlans`)."""
    await story_graph(gql)
    services = Services(store, settings)
    selection = SELECTIONS["fragments and directives"]
    answers = set()
    for yes in (True, False, True):
        for no in (False, True):
            variables = {"id": "VSS-001-vid", "direction": "BOTH", "depth": 2, "yes": yes}
            answers.add(await compare(http, services, selection, {**variables, "no": no}))
    assert len(answers) == 4


BAD: dict[str, dict[str, Any]] = {
    "an unknown id": {"id": "no-such-node"},
    "depth 0": {"depth": 0},
    "a depth over the maximum": {"depth": 99},
    "a direction that is not one": {"direction": "SIDEWAYS"},
    "a depth that is not a number": {"depth": "deep"},
}


@pytest.mark.parametrize("bad", BAD)
async def test_errors_are_the_normal_executions(
    http: httpx.AsyncClient, gql: GraphQLClient, bad: str
) -> None:
    await story_graph(gql)
    variables = {"id": "VSS-001-vid", "direction": "BOTH", "depth": 2, **BAD[bad]}
    for selection in SELECTIONS.values():
        normal = query(selection, "viewer { keyId }")
        await assert_fails_alike(http, query(selection), normal, variables)


async def statements(gql: GraphQLClient, server: LiveServer, selection: str) -> int:
    before = server.queries_run
    await gql.data(query(selection), id="VSS-001-vid", direction="BOTH", depth=5)
    return server.queries_run - before


async def test_a_lineage_is_one_statement(gql: GraphQLClient, live_server: LiveServer) -> None:
    await story_graph(gql)
    for selection in SELECTIONS.values():
        assert await statements(gql, live_server, selection) == 1
    # a node's asset is the normal execution's: one more batch of the assets
    assert await statements(gql, live_server, "nodes { id asset { id status } }") == 2


NOT_COMPILED_SELECTIONS = {
    "a node's asset": "nodes { id asset { id } }",
    "a node's asset in a fragment": "nodes { ... on LineageNode { asset { id } } }",
}


@pytest.mark.parametrize("selection", NOT_COMPILED_SELECTIONS)
def test_what_the_drawing_does_not_hold_is_left_to_the_normal_execution(selection: str) -> None:
    document = parse(query(NOT_COMPILED_SELECTIONS[selection]))
    variables = {"id": "a", "direction": "BOTH", "depth": 1}
    with pytest.raises(NotCompiled):
        compile_operation(schema, document, variables, None, COMPILED_FIELDS)


def test_an_operation_with_more_than_the_lineage_is_left_to_the_normal_execution() -> None:
    variables = {"id": "a", "direction": "BOTH", "depth": 1}
    for document in (
        query("graph", beside="viewer { keyId }"),
        query("graph", beside="again: lineage(id: $id) { graph }"),
        query("graph", beside="assets { edges { node { id } } }"),
    ):
        with pytest.raises(NotCompiled):
            compile_operation(schema, parse(document), variables, None, COMPILED_FIELDS)


def test_plans_are_kept_for_the_last_texts_and_their_directives_values() -> None:
    plans = OperationPlans(COMPILED_FIELDS, size=2)
    graph, typed = query("graph"), query(SELECTIONS["the bench's typed fields"])
    directed = query(SELECTIONS["fragments and directives"])
    variables = {"id": "a", "direction": "BOTH", "depth": 1}
    first = plans.plan(schema, graph, parse(graph), variables, None)
    assert plans.plan(schema, graph, parse(graph), {**variables, "id": "b"}, None) is first
    beside = query("graph", beside="viewer { keyId }")
    with pytest.raises(NotCompiled):
        plans.plan(schema, beside, parse(beside), variables, None)
    assert NOT_COMPILED in plans.plans.entries.values()  # remembered, too
    plans.plan(schema, typed, parse(typed), variables, None)
    assert plans.plan(schema, graph, parse(graph), variables, None) is not first  # forgotten
    yes = plans.plan(schema, directed, parse(directed), {**variables, "yes": True}, None)
    no = plans.plan(schema, directed, parse(directed), {**variables, "yes": False}, None)
    assert yes is not no
    assert plans.plan(schema, directed, parse(directed), {**variables, "yes": True}, None) is yes
