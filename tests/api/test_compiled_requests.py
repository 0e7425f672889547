"""A POST of an operation compiled before is answered past strawberry's view
(`lineage.api.compiled_requests`) with the view's own response: the same status, media
type and bytes, in either media type; whatever it cannot answer, the view answers as
always (counted: `LiveServer.compiled_served`)."""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
from strawberry.types.graphql import OperationType

from lineage.api.over_http import GRAPHQL_RESPONSE
from lineage.auth.gql import may_run
from lineage.auth.models import UNRESTRICTED
from tests.api.test_compiled_lineage import SELECTIONS, query
from tests.api.test_nested_page import story_graph
from tests.conftest import GraphQLClient
from tests.live_server import LiveServer

VARIABLES = {"id": "VSS-001-vid", "direction": "BOTH", "depth": 5}
ACCEPTS = {"no Accept": None, "JSON": "application/json", "GraphQL's": GRAPHQL_RESPONSE}


async def sent(
    http: httpx.AsyncClient, server: LiveServer, body: dict[str, Any], **headers: str
) -> tuple[httpx.Response, int]:
    """The response to `body`, and whether the request path answered it (1) or the view (0)."""
    before = server.compiled_served
    response = await http.post("/graphql", json=body, headers=headers)
    return response, server.compiled_served - before


def shown(response: httpx.Response) -> tuple[int, str | None, str | None, bytes]:
    headers = response.headers
    return (
        response.status_code,
        headers["content-type"],
        headers["content-length"],
        response.content,
    )


@pytest.mark.parametrize("accept", ACCEPTS)
async def test_a_known_operation_is_answered_as_the_view_answers_it(
    http: httpx.AsyncClient, gql: GraphQLClient, live_server: LiveServer, accept: str
) -> None:
    await story_graph(gql)
    wanted = ACCEPTS[accept]
    headers = {"accept": wanted} if wanted else {}
    for selection in SELECTIONS.values():
        variables = (
            {**VARIABLES, "yes": True, "no": False} if "$yes" in query(selection) else VARIABLES
        )
        body = {"query": query(selection), "variables": variables}
        # a key the request path does not read sends it to the view (which makes the plan)
        to_view = {**body, "extensions": None}
        by_view, served = await sent(http, live_server, to_view, **headers)
        assert served == 0 and by_view.status_code == 200, by_view.text
        for again in (body, {**body, "operationName": "Lineage"}):
            fast, served = await sent(http, live_server, again, **headers)
            assert served == 1
            assert shown(fast) == shown(by_view)


FAILING: dict[str, dict[str, Any]] = {
    "an unknown id": {"variables": {**VARIABLES, "id": "no-such-node"}},
    "a variable that does not coerce": {"variables": {**VARIABLES, "depth": "deep"}},
    "a depth over the maximum": {"variables": {**VARIABLES, "depth": 99}},
    "another operation name": {"operationName": "Other"},
    "variables that are not an object": {"variables": [1]},
}


@pytest.mark.parametrize("case", FAILING)
async def test_every_failure_is_the_views(
    http: httpx.AsyncClient, gql: GraphQLClient, live_server: LiveServer, case: str
) -> None:
    await story_graph(gql)
    known = {"query": query("graph"), "variables": VARIABLES}
    await sent(http, live_server, known)
    assert (await sent(http, live_server, known))[1] == 1
    body = {**known, **FAILING[case]}
    first, served = await sent(http, live_server, body)
    again, served_again = await sent(http, live_server, body)
    assert served == served_again == 0
    assert shown(first) == shown(again)
    assert first.status_code == 400 or first.json()["errors"], first.text


async def test_a_get_extensions_or_a_streamed_answer_go_to_the_view(
    http: httpx.AsyncClient, gql: GraphQLClient, live_server: LiveServer
) -> None:
    await story_graph(gql)
    known = {"query": query("graph"), "variables": VARIABLES}
    answer, _ = await sent(http, live_server, known)
    before = live_server.compiled_served
    extended = await http.post("/graphql", json={**known, "extensions": {"trace": True}})
    variables = orjson.dumps(VARIABLES).decode()
    got = await http.get("/graphql", params={"query": query("graph"), "variables": variables})
    await http.post("/graphql", json=known, headers={"accept": "multipart/mixed"})
    twice = [("accept", "multipart/mixed"), ("accept", "application/json")]
    await http.post("/graphql", json=known, headers=twice)
    assert live_server.compiled_served == before
    assert extended.content == got.content == answer.content


def test_only_a_caller_may_run_a_query() -> None:
    assert may_run(UNRESTRICTED, OperationType.QUERY)
    assert not may_run(None, OperationType.QUERY)
