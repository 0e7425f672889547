"""Query limits, production settings and the error policy, over real HTTP.

Each limit answers with its own code and a message naming the limit, never
"Unexpected error"; nothing internal (Cypher, tracebacks, the Neo4j password)
reaches a client.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from neo4j import Query

from lineage.app import create_app
from lineage.auth.models import Scope
from lineage.db import cypher
from lineage.projects.service import ProjectService
from lineage.settings import Settings
from tests.conftest import GraphQLClient, bearer
from tests.live_server import LiveServer
from tests.security.conftest import post_gql

DEEP = "{ assets { edges { node " + "{ usedBy " * 14 + "{ id }" + " }" * 14 + " } } }"
ALIASES = "{ " + " ".join(f"a{i}: projects {{ totalCount }}" for i in range(31)) + " }"
TOKENS = "{ " + "__typename " * 2100 + "}"
INTERNALS = ("MATCH (", "Traceback", "neo4j.exceptions", "lineage-test-password", '.py"')


async def errors_of(client: httpx.AsyncClient, token: str, query: str) -> list[dict[str, Any]]:
    response = await post_gql(client, token, query)
    assert response.status_code == 200, response.text
    errors: list[dict[str, Any]] = response.json()["errors"]
    return errors


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (DEEP, "the query is nested deeper than the maximum depth of 12"),
        (ALIASES, "the query uses 31 aliases; the maximum is 30"),
        (TOKENS, "the query has more than 2000 tokens, the maximum"),
        ("{ assets(first: 1000) { totalCount } }", "the maximum page size is 100"),
    ],
)
async def test_each_limit_has_its_code_and_message(
    client: httpx.AsyncClient, tokens: dict[Scope, str], query: str, message: str
) -> None:
    [error] = await errors_of(client, tokens[Scope.READ], query)
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert message in error["message"]


async def test_limits_admit_what_is_within_them(
    client: httpx.AsyncClient, tokens: dict[Scope, str]
) -> None:
    within = "{ " + " ".join(f"a{i}: projects {{ totalCount }}" for i in range(30)) + " }"
    response = await post_gql(client, tokens[Scope.READ], within)
    assert "errors" not in response.json()


async def test_production_turns_the_developer_tools_off(
    production_server: LiveServer, tokens: dict[Scope, str]
) -> None:
    async with httpx.AsyncClient(
        base_url=production_server.url, headers=bearer(tokens[Scope.READ])
    ) as client:
        errors = await errors_of(client, "", "{ __schema { types { name } } }")
        assert {e["extensions"]["code"] for e in errors} == {"FORBIDDEN"}
        assert errors[0]["message"] == "introspection is disabled on this server"
        [typo] = await errors_of(client, "", "{ projectz { totalCount } }")
        assert "Did you mean" not in typo["message"]
        assert typo["message"] == "Cannot query field 'projectz' on type 'Query'."
        [enum] = await errors_of(client, "", "{ assets(filter: {type: IMAGES}) { totalCount } }")
        assert "Did you mean" not in enum["message"]
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        assert "graphiql" not in page.text.lower()
        assert (await client.get("/openapi.json")).status_code == 404
    assert (await httpx.AsyncClient().get(production_server.url + "/docs")).status_code == 401


async def test_development_keeps_suggestions(
    client: httpx.AsyncClient, tokens: dict[Scope, str]
) -> None:
    [typo] = await errors_of(client, tokens[Scope.READ], "{ projectz { totalCount } }")
    assert "Did you mean 'project', 'projects'" in typo["message"]


async def test_unexpected_errors_are_masked(
    gql: GraphQLClient, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    async def explode(*_: object, **__: object) -> None:
        raise RuntimeError(f"MATCH (n) failed; password {settings.neo4j_password}")

    monkeypatch.setattr(ProjectService, "get", explode)
    body = await gql('{ project(code: "X") { code } }')
    [error] = body["errors"]
    assert error["extensions"] == {"code": "INTERNAL"}
    assert error["message"] == "Unexpected error; it has been logged."
    assert not any(marker in str(body) for marker in INTERNALS)


@pytest.fixture(scope="module")
def hasty_server(settings: Settings) -> Iterator[LiveServer]:
    """A server whose Neo4j transactions may run 0.5 s at most."""
    with LiveServer(create_app(settings.model_copy(update={"neo4j_query_timeout_s": 0.5}))) as s:
        yield s


# A stand-in for an expensive read: a graph made through the API gives none
# (lineageCost's unbounded path plans as a pruning expand), so the test swaps
# in a query that counts to 10**10 under the batch's name and shape.
SLOW_COSTS = """UNWIND $ids AS id
CALL () { UNWIND range(1, 10000000000) AS i RETURN sum(i) AS total }
RETURN id, toFloat(total) AS cost"""


async def test_an_expensive_query_is_stopped_by_the_time_limit(
    gql: GraphQLClient,
    hasty_server: LiveServer,
    tokens: dict[Scope, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    await gql.data(
        'mutation { recordGeneration(input: {id: "a", type: IMAGE, provider: "f", '
        'model: "m"}) { asset { id } } }'
    )
    real_load = cypher.load
    monkeypatch.setattr(
        cypher,
        "load",
        lambda name: Query(SLOW_COSTS) if name == "assets/list_lineage_costs" else real_load(name),
    )
    async with httpx.AsyncClient(base_url=hasty_server.url, timeout=60) as client:
        started = time.perf_counter()
        [error] = await errors_of(client, tokens[Scope.READ], '{ asset(id: "a") { lineageCost } }')
        elapsed = time.perf_counter() - started
    assert error["extensions"]["code"] == "TIMEOUT"
    assert "time limit" in error["message"]
    assert elapsed < 10
    print(f"\na query counting to 10**10 was stopped after {elapsed:.2f} s (limit 0.5 s)")
