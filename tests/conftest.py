"""Shared fixtures: one real Neo4j per session, a clean graph per test, a live API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from lineage.app import create_app
from lineage.db.driver import create_driver
from lineage.db.migrations import apply_migrations
from lineage.db.store import Store
from lineage.settings import Settings
from tests.live_server import LiveServer
from tests.neo4j_provider import test_neo4j


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    with test_neo4j() as found:
        yield found.model_copy(update={"assets_root": tmp_path_factory.mktemp("assets")})


@pytest.fixture(scope="session")
async def driver(settings: Settings) -> AsyncIterator[AsyncDriver]:
    created = create_driver(settings)
    await apply_migrations(Store(created, settings.neo4j_database))
    yield created
    await created.close()


@pytest.fixture
async def store(driver: AsyncDriver, settings: Settings) -> AsyncIterator[Store]:
    """A store on a graph emptied of every node but the schema bookkeeping."""
    fresh = Store(driver, settings.neo4j_database)
    await fresh.write("admin/wipe_data")
    yield fresh


@pytest.fixture(scope="session")
def live_server(settings: Settings) -> Iterator[LiveServer]:
    with LiveServer(create_app(settings)) as server:
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
async def http(live_server: LiveServer, store: Store) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=live_server.url, timeout=30) as client:
        yield client


@pytest.fixture
def gql(http: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(http)
