"""/graphql reaches strawberry's view past FastAPI's router (`lineage.api.dispatch`),
and everything the route answered before is still answered the same way."""

from __future__ import annotations

import httpx


async def test_get_and_post_reach_the_view(http: httpx.AsyncClient) -> None:
    posted = await http.post("/graphql", json={"query": "{ __typename }"})
    got = await http.get("/graphql", params={"query": "{ __typename }"})
    assert posted.json() == got.json() == {"data": {"__typename": "Query"}}


async def test_other_methods_get_the_routers_405(http: httpx.AsyncClient) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        response = await http.request(method, "/graphql", json={"query": "{ __typename }"})
        assert response.status_code == 405, (method, response.text)
        assert "POST" in response.headers["allow"]


async def test_the_key_gate_still_guards_it(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json={"query": "{ __typename }"}, headers={"Authorization": ""}
    )
    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "UNAUTHENTICATED"
