"""`lineage keys create | list | revoke`: API keys, managed with direct database access."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import typer
from rich.table import Table

from lineage.auth.models import ApiKey, Scope
from lineage.auth.service import KeyService
from lineage.console import clear_errors, err, out
from lineage.runtime import open_store
from lineage.settings import get_settings

T = TypeVar("T")


def _with_keys(action: Callable[[KeyService], Awaitable[T]]) -> T:
    async def run() -> T:
        async with open_store(get_settings()) as store:
            return await action(KeyService(store, ttl_s=0))

    return asyncio.run(run())


def _table(keys: list[ApiKey]) -> Table:
    table = Table(title="API keys")
    for column in ("id", "name", "scope", "created", "revoked"):
        table.add_column(column)
    for key in keys:
        table.add_row(key.id, key.name, key.top_scope, key.created_at, key.revoked_at or "")
    return table


def register(app: typer.Typer) -> None:
    """Add `keys create | list | revoke` to the main app."""
    keys_app = typer.Typer(help="API keys (scopes read < write < admin), sent as Bearer tokens.")
    app.add_typer(keys_app, name="keys")

    @keys_app.command("create")
    @clear_errors
    def create(
        name: Annotated[str, typer.Argument(help="Who or what uses the key, e.g. story-builder.")],
        scope: Annotated[Scope, typer.Option(help="read, write (records) or admin.")] = Scope.READ,
    ) -> None:
        """Create a key and print its token (once: only its hash is stored)."""
        key, token = _with_keys(lambda keys: keys.create(name, scope))
        err.print(f"created key {key.id} ({key.name}, {key.top_scope}); its token, shown once:")
        print(token)

    @keys_app.command("list")
    @clear_errors
    def list_keys(
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    ) -> None:
        """Every key: id, name, scope, when created and revoked (never tokens)."""
        keys = _with_keys(lambda keys: keys.list_all())
        if as_json:
            print(json.dumps([k.model_dump(by_alias=True) for k in keys], indent=2))
        else:
            out.print(_table(keys))

    @keys_app.command("revoke")
    @clear_errors
    def revoke(
        key_id: Annotated[str, typer.Argument(help="The key's id (see `keys list`).")],
    ) -> None:
        """Revoke a key; running servers refuse it within `LINEAGE_AUTH_CACHE_TTL_S` (30 s)."""
        key = _with_keys(lambda keys: keys.revoke(key_id))
        out.print(f"revoked key {key.id} ({key.name}) at {key.revoked_at}")
