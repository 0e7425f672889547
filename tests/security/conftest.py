"""Fixtures of the security tests: servers with their own settings, keys of each scope."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from lineage.app import create_app
from lineage.auth.models import Scope
from lineage.auth.service import KeyService
from lineage.db.store import Store
from lineage.settings import Settings
from tests.conftest import bearer
from tests.live_server import LiveServer

STORY_BUILDER = "https://story.fligen.example"


@pytest.fixture(scope="session")
def strict_server(settings: Settings) -> Iterator[LiveServer]:
    """Auth on, no key cache (revocation is immediate), CORS for the Story Builder."""
    strict = settings.model_copy(update={"auth_cache_ttl_s": 0.0, "cors_origins": [STORY_BUILDER]})
    with LiveServer(create_app(strict)) as server:
        yield server


@pytest.fixture(scope="session")
def production_server(settings: Settings) -> Iterator[LiveServer]:
    """`LINEAGE_PROFILE=production`: no GraphiQL, introspection or suggestions."""
    production = Settings(**{**settings.model_dump(), "profile": "production"} | _tools_unset())
    assert not (production.graphiql or production.introspection or production.field_suggestions)
    with LiveServer(create_app(production)) as server:
        yield server


def _tools_unset() -> dict[str, Any]:
    return {"graphiql": None, "introspection": None, "field_suggestions": None}


@pytest.fixture
async def tokens(store: Store) -> dict[Scope, str]:
    """A fresh key of each scope (the graph was just wiped)."""
    keys = KeyService(store, ttl_s=0)
    return {scope: (await keys.create(f"{scope}-key", scope))[1] for scope in Scope}


@pytest.fixture
async def client(strict_server: LiveServer) -> AsyncIterator[httpx.AsyncClient]:
    """No key unless a request sends one."""
    async with httpx.AsyncClient(base_url=strict_server.url, timeout=30) as anonymous:
        yield anonymous


async def post_gql(
    client: httpx.AsyncClient, token: str | None, query: str, **variables: Any
) -> httpx.Response:
    headers = bearer(token) if token else {}
    return await client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
