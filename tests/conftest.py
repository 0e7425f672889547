"""Shared fixtures: one real Neo4j per session, a clean graph per test, a live API.

The API needs a key: `http` (and so `gql`) sends the session's admin key. The
session's server verifies it once against Neo4j, at start, and then trusts it
for the session (a long key cache), so the key node, wiped with the rest of
the graph before each test, neither needs storing again nor shows in counts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from lineage.app import create_app
from lineage.auth.models import ApiKey, Scope
from lineage.auth.repository import KeyRepository
from lineage.auth.tokens import digest, new_token
from lineage.db.driver import create_driver
from lineage.db.store import Store
from lineage.models import utc_timestamp
from lineage.settings import Settings
from lineage.upgrades import migrate
from tests.files.conftest import LIVE_SERVERS
from tests.live_server import LiveServer
from tests.neo4j_provider import test_neo4j

SESSION_S = 24 * 3600.0


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    with test_neo4j() as found:
        yield found.model_copy(
            update={
                "assets_root": tmp_path_factory.mktemp("assets"),
                # the tests' file servers listen there (sourceUrl: public addresses only)
                "source_url_allowed_networks": [LIVE_SERVERS],
            }
        )


@pytest.fixture(scope="session")
async def driver(settings: Settings) -> AsyncIterator[AsyncDriver]:
    created = create_driver(settings)
    await migrate(Store(created, settings.neo4j_database))
    yield created
    await created.close()


@pytest.fixture
async def store(driver: AsyncDriver, settings: Settings) -> AsyncIterator[Store]:
    """A store on a graph emptied of every node but the schema bookkeeping."""
    fresh = Store(driver, settings.neo4j_database)
    await fresh.write("admin/wipe_data")
    yield fresh


@pytest.fixture(scope="session")
def admin_key() -> tuple[ApiKey, str]:
    """The tests' admin key and its token."""
    key_id, token = new_token()
    key = ApiKey(id=key_id, name="tests", scopes=Scope.ADMIN.granted(), created_at=utc_timestamp())
    return key, token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="session")
async def live_server(
    settings: Settings, driver: AsyncDriver, admin_key: tuple[ApiKey, str]
) -> AsyncIterator[LiveServer]:
    key, token = admin_key
    await KeyRepository(Store(driver, settings.neo4j_database)).create(key, digest(token))
    trusting = settings.model_copy(update={"auth_cache_ttl_s": SESSION_S})
    with LiveServer(create_app(trusting)) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=bearer(token)) as client:
            checked = await client.get("/graphql", params={"query": "{ __typename }"})
        assert checked.status_code == 200, checked.text
        yield server


class GraphQLClient:
    """Posts GraphQL over real HTTP to the live server."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        """The whole response body (`data` and, if any, `errors`)."""
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        """`data`, asserting that there were no errors."""
        body = await self(query, **variables)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result


@pytest.fixture
async def http(
    live_server: LiveServer, store: Store, admin_key: tuple[ApiKey, str]
) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        base_url=live_server.url, timeout=30, headers=bearer(admin_key[1])
    ) as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(http)
