"""API keys over real HTTP: who may read, record and upload, and what everyone else gets."""

from __future__ import annotations

import httpx
import pytest

from lineage.auth.models import Scope
from lineage.auth.service import KeyService
from lineage.db.store import Store
from tests.conftest import bearer
from tests.files.samples import image_bytes
from tests.security.conftest import STORY_BUILDER, post_gql

CREATE_PROJECT = 'mutation { createProject(input: {code: "SEC-1"}) { code } }'
PROJECTS = "{ projects { totalCount } }"
UPLOAD = {"type": "image", "provider": "fal", "model": "flux"}


async def project_count(store: Store) -> int:
    rows = await store.read("projects/list", afterKey=None, afterId=None, limit=1)
    return int(rows[0]["totalCount"])


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/graphql"),
        ("GET", "/graphql?query=%7B__typename%7D"),
        ("GET", "/graphql?query="),
        ("POST", "/files?type=image&provider=fal&model=m"),
        ("GET", "/files/image/img-1-fal-m-abcdef.jpg"),
        ("GET", "/no-such-route"),
        ("DELETE", "/graphql"),
    ],
)
async def test_no_key_no_access(client: httpx.AsyncClient, method: str, path: str) -> None:
    response = await client.request(method, path, json={"query": PROJECTS})
    assert response.status_code == 401, response.text
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["detail"]["code"] == "UNAUTHENTICATED"


@pytest.mark.parametrize(
    "header",
    [
        "Bearer lin_0123456789ab_" + "0" * 64,  # well formed, unknown
        "Bearer lin_nothex_secret",
        "Bearer",
        "Basic dXNlcjpwYXNz",
        "lin_0123456789ab_" + "0" * 64,
    ],
)
async def test_bad_keys_are_refused(
    client: httpx.AsyncClient, tokens: dict[Scope, str], header: str
) -> None:
    response = await client.post(
        "/graphql", json={"query": PROJECTS}, headers={"Authorization": header}
    )
    assert response.status_code == 401, response.text


async def test_a_tampered_secret_is_refused(
    client: httpx.AsyncClient, tokens: dict[Scope, str]
) -> None:
    token = tokens[Scope.ADMIN]
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert (await post_gql(client, forged, PROJECTS)).status_code == 401
    assert (await post_gql(client, token, PROJECTS)).status_code == 200


async def test_health_is_public_and_says_nothing_sensitive(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


async def test_graphiql_page_is_public_but_its_queries_are_not(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    assert "Bearer" not in page.text  # no development key outside `lineage serve`
    assert (await client.get("/graphql", params={"query": "{ __typename }"})).status_code == 401


async def test_read_key_reads_but_cannot_mutate(
    client: httpx.AsyncClient, tokens: dict[Scope, str], store: Store
) -> None:
    read = tokens[Scope.READ]
    assert (await post_gql(client, read, PROJECTS)).json() == {
        "data": {"projects": {"totalCount": 0}}
    }
    refused = (await post_gql(client, read, CREATE_PROJECT)).json()
    assert refused["data"] is None
    [error] = refused["errors"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert "'write' key" in error["message"]
    assert await project_count(store) == 0  # nothing written


async def test_read_key_cannot_upload(client: httpx.AsyncClient, tokens: dict[Scope, str]) -> None:
    response = await client.post(
        "/files", params=UPLOAD, content=image_bytes(), headers=bearer(tokens[Scope.READ])
    )
    assert response.status_code == 403, response.text
    assert response.json()["detail"]["code"] == "FORBIDDEN"


@pytest.mark.parametrize("scope", [Scope.WRITE, Scope.ADMIN])
async def test_write_and_admin_keys_record_and_upload(
    client: httpx.AsyncClient, tokens: dict[Scope, str], store: Store, scope: Scope
) -> None:
    token = tokens[scope]
    body = (await post_gql(client, token, CREATE_PROJECT)).json()
    assert body == {"data": {"createProject": {"code": "SEC-1"}}}
    uploaded = await client.post(
        "/files", params=UPLOAD, content=image_bytes(), headers=bearer(token)
    )
    assert uploaded.status_code in {200, 201}, uploaded.text
    fetched = await client.get(uploaded.json()["url"], headers=bearer(tokens[Scope.READ]))
    assert fetched.status_code == 200


async def test_a_revoked_key_is_refused_at_once_without_cache(
    client: httpx.AsyncClient, tokens: dict[Scope, str], store: Store
) -> None:
    keys = KeyService(store)
    write_key = next(k for k in await keys.list_all() if k.name == "write-key")
    assert (await post_gql(client, tokens[Scope.WRITE], PROJECTS)).status_code == 200
    await keys.revoke(write_key.id)
    refused = await post_gql(client, tokens[Scope.WRITE], PROJECTS)
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]["message"]


async def test_cors_answers_the_story_builder_only(
    client: httpx.AsyncClient, tokens: dict[Scope, str]
) -> None:
    preflight = {
        "Origin": STORY_BUILDER,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    allowed = await client.options("/graphql", headers=preflight)
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == STORY_BUILDER
    other = await client.options(
        "/graphql", headers={**preflight, "Origin": "https://evil.example"}
    )
    assert "access-control-allow-origin" not in other.headers
    answered = await client.post(
        "/graphql",
        json={"query": PROJECTS},
        headers={"Origin": STORY_BUILDER, **bearer(tokens[Scope.READ])},
    )
    assert answered.headers["access-control-allow-origin"] == STORY_BUILDER


async def test_no_cors_headers_unless_configured(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/graphql", json={"query": PROJECTS}, headers={"Origin": STORY_BUILDER}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
