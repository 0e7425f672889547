"""Every GraphQL error carries `extensions.code`; `application/graphql-response+json`
gets the spec's statuses (400 and no `data` for a request error), JSON keeps 200."""

from __future__ import annotations

import httpx
import pytest

GRAPHQL_RESPONSE = "application/graphql-response+json"
REQUEST_ERRORS = [
    ("{ assets(", {}, "GRAPHQL_PARSE_FAILED", "Syntax Error"),
    ("{ nope }", {}, "GRAPHQL_VALIDATION_FAILED", "Cannot query field 'nope'"),
    (
        "query($n: Int!) { assets(first: $n) { totalCount } }",
        {"n": "ten"},
        "INVALID_INPUT",
        "Variable '$n'",
    ),
    ('{ assets(first: "ten") { totalCount } }', {}, "GRAPHQL_VALIDATION_FAILED", "Int"),
]


@pytest.mark.parametrize(("query", "variables", "code", "message"), REQUEST_ERRORS)
async def test_a_request_error_is_a_400_without_data(
    http: httpx.AsyncClient, query: str, variables: dict[str, str], code: str, message: str
) -> None:
    answer = await http.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Accept": f"{GRAPHQL_RESPONSE}, application/json;q=0.9"},
    )
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    body = answer.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == code and message in error["message"], error
    assert error["locations"], error


@pytest.mark.parametrize(("query", "variables", "code", "message"), REQUEST_ERRORS)
async def test_plain_json_keeps_200_and_null_data_with_the_same_codes(
    http: httpx.AsyncClient, query: str, variables: dict[str, str], code: str, message: str
) -> None:
    answer = await http.post("/graphql", json={"query": query, "variables": variables})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == code


async def test_a_field_error_stays_a_200_with_data(http: httpx.AsyncClient) -> None:
    answer = await http.post(
        "/graphql",
        json={"query": '{ a: project(code: "NOPE-1") { code } b: __typename }'},
        headers={"Accept": GRAPHQL_RESPONSE},
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    body = answer.json()
    assert body["data"] is None  # a non-null root field failed: data is null, not absent
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE, "application/json"])
async def test_an_unknown_operation_name_is_a_json_request_error(
    http: httpx.AsyncClient, accept: str
) -> None:
    answer = await http.post(
        "/graphql",
        json={"query": "query Mine { __typename }", "operationName": "Theirs"},
        headers={"Accept": accept},
    )
    assert answer.status_code == 400, answer.text
    [error] = answer.json()["errors"]
    assert error["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", error
    assert "Theirs" in error["message"], error
