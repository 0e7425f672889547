"""Keys on the command line, the development key of `lineage serve`, and the token format."""

from __future__ import annotations

import asyncio
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import typer
from typer.testing import CliRunner, Result

from lineage.app import create_app
from lineage.auth import cli as auth_cli
from lineage.auth.dev import ensure_dev_key
from lineage.auth.models import Scope
from lineage.auth.service import KeyService
from lineage.auth.tokens import SHAPE, digest, key_id_of, new_token
from lineage.db.store import Store
from lineage.settings import Settings
from tests.conftest import bearer
from tests.live_server import LiveServer
from tests.neo4j_provider import cli_pointed_at


def test_tokens_are_random_and_only_their_hash_is_kept() -> None:
    key_id, token = new_token()
    assert SHAPE.fullmatch(token) and key_id_of(token) == key_id
    assert len(token.rsplit("_", 1)[1]) == 64  # 32 random bytes
    assert new_token()[1] != token
    assert key_id_of("lin_" + key_id + "_short") is None
    assert len(digest(token)) == 64 and digest(token) != token


def test_scopes_include_the_smaller_ones() -> None:
    assert Scope.READ.granted() == ["read"]
    assert Scope.WRITE.granted() == ["read", "write"]
    assert Scope.ADMIN.granted() == ["read", "write", "admin"]


@pytest.fixture
def cli_env(settings: Settings) -> Iterator[None]:
    with cli_pointed_at(settings, settings.assets_root):
        yield


async def keys_cli(*args: str) -> Result:
    app = typer.Typer()
    auth_cli.register(app)
    return await asyncio.to_thread(CliRunner().invoke, app, ["keys", *args])


async def test_keys_create_list_revoke(cli_env: None, store: Store) -> None:
    created = await keys_cli("create", "story-builder", "--scope", "write")
    assert created.exit_code == 0, created.output
    token = created.stdout.strip().splitlines()[-1]
    assert SHAPE.fullmatch(token)
    listed = json.loads((await keys_cli("list", "--json")).stdout)
    assert [(k["name"], k["scopes"], k["revokedAt"]) for k in listed] == [
        ("story-builder", ["read", "write"], None)
    ]
    assert token not in json.dumps(listed) and "keyHash" not in listed[0]
    assert (await keys_cli("revoke", listed[0]["id"])).exit_code == 0
    assert json.loads((await keys_cli("list", "--json")).stdout)[0]["revokedAt"]
    unknown = await keys_cli("revoke", "nope")
    assert unknown.exit_code == 1 and "no API key with id 'nope'" in unknown.output
    bad = await keys_cli("create", "x", "--scope", "root")
    assert bad.exit_code == 2


async def test_the_development_key_is_made_once_and_kept_private(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / ".lineage" / "dev-api-key"
    token, created = await ensure_dev_key(store, path)
    assert created and path.read_text().strip() == token
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert await ensure_dev_key(store, path) == (token, False)
    keys = KeyService(store)
    caller = await keys.authenticate(token)
    assert caller.may(Scope.ADMIN)
    await keys.revoke(caller.key_id)
    renewed, created = await ensure_dev_key(store, path)
    assert created and renewed != token


async def test_graphiql_offers_the_development_key_to_this_machine(
    settings: Settings, store: Store, tmp_path: Path
) -> None:
    token, _ = await ensure_dev_key(store, tmp_path / "dev-api-key")
    with LiveServer(create_app(settings, dev_token=token)) as server:
        async with httpx.AsyncClient(base_url=server.url) as client:
            page = await client.get("/graphql", headers={"Accept": "text/html"})
            assert "defaultHeaders" in page.text and token in page.text
            answered = await client.post(
                "/graphql", json={"query": "{ __typename }"}, headers=bearer(token)
            )
            assert answered.json() == {"data": {"__typename": "Query"}}


async def test_graphiql_keeps_the_development_key_from_other_names_and_origins(
    settings: Settings, store: Store, tmp_path: Path
) -> None:
    """DNS rebinding: a page of evil.example resolved to 127.0.0.1 sends its own Host."""
    token, _ = await ensure_dev_key(store, tmp_path / "dev-api-key")
    with LiveServer(create_app(settings, dev_token=token)) as server:
        port = server.url.rsplit(":", 1)[1]
        async with httpx.AsyncClient(base_url=server.url) as client:

            async def page(**headers: str) -> str:
                answer = await client.get("/graphql", headers={"Accept": "text/html", **headers})
                assert answer.status_code == 200
                return answer.text

            assert token not in await page(Host=f"evil.example:{port}")
            assert token not in await page(Host="evil.example")
            assert token not in await page(Origin="http://evil.example")
            assert token not in await page(Host=f"127.0.0.1.evil.example:{port}")
            assert token in await page(Host=f"localhost:{port}")
            assert token in await page(Host=f"[::1]:{port}")
            assert token in await page(Origin=f"http://127.0.0.1:{port}")
