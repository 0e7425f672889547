"""A second, empty instance (its own Neo4j, catalog and API) to import bundles into."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from lineage.app import create_app
from lineage.auth.models import ApiKey
from lineage.auth.repository import KeyRepository
from lineage.auth.tokens import digest
from lineage.db.driver import create_driver
from lineage.db.store import Store
from lineage.settings import Settings
from lineage.upgrades import migrate
from tests.conftest import SESSION_S, GraphQLClient, bearer
from tests.live_server import LiveServer
from tests.neo4j_provider import dedicated_neo4j


@dataclass
class Instance:
    """An instance under test: its settings, store, catalog root and API clients."""

    settings: Settings
    store: Store
    http: httpx.AsyncClient
    gql: GraphQLClient

    @property
    def assets_root(self) -> Path:
        return self.settings.assets_root


@pytest.fixture(scope="session")
def second_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    with dedicated_neo4j("bundles-b", 7705, 7495) as (settings, _):
        yield settings.model_copy(update={"assets_root": tmp_path_factory.mktemp("second")})


@pytest.fixture(scope="session")
async def second_server(
    second_settings: Settings, admin_key: tuple[ApiKey, str]
) -> AsyncIterator[tuple[Store, LiveServer]]:
    driver = create_driver(second_settings)
    store = Store(driver, second_settings.neo4j_database)
    await migrate(store)
    key, token = admin_key
    await store.write("admin/wipe_data")
    await KeyRepository(store).create(key, digest(token))
    trusting = second_settings.model_copy(update={"auth_cache_ttl_s": SESSION_S})
    with LiveServer(create_app(trusting)) as server:
        async with httpx.AsyncClient(base_url=server.url, headers=bearer(token)) as client:
            checked = await client.get("/graphql", params={"query": "{ __typename }"})
        assert checked.status_code == 200, checked.text
        yield store, server
    await driver.close()


@pytest.fixture
async def second(
    second_server: tuple[Store, LiveServer],
    second_settings: Settings,
    admin_key: tuple[ApiKey, str],
) -> AsyncIterator[Instance]:
    """The second instance with an empty graph."""
    store, server = second_server
    await store.write("admin/wipe_data")
    async with httpx.AsyncClient(
        base_url=server.url, timeout=60, headers=bearer(admin_key[1])
    ) as client:
        yield Instance(second_settings, store, client, GraphQLClient(client))


@pytest.fixture
def first(
    settings: Settings, store: Store, http: httpx.AsyncClient, gql: GraphQLClient
) -> Instance:
    """The suite's instance (emptied for the test), through the same handle."""
    return Instance(settings, store, http, gql)
