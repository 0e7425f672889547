"""The development key of `lineage serve` against the project's own local Neo4j.

Created once (an `admin` key named "development"), its token kept in
`.lineage/dev-api-key` (mode 0600, git-ignored) and reused while it is valid;
a new one is made when the file is missing or the key is gone or revoked.

GraphiQL's page and the studio's pages offer it only to a request that comes from this
machine *and* names this machine: `lineage.auth.loopback.may_see_dev_key`.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from lineage.auth.models import Scope
from lineage.auth.service import KeyService
from lineage.console import out
from lineage.db.store import Store
from lineage.errors import UnauthenticatedError
from lineage.runtime import open_store
from lineage.settings import Settings

DEV_KEY_NAME = "development (lineage serve)"


async def ensure_dev_key(store: Store, path: Path) -> tuple[str, bool]:
    """(token, created now) of the development admin key."""
    keys = KeyService(store, ttl_s=0)
    token = path.read_text().strip() if path.is_file() else ""
    if token and await _still_valid(keys, token):
        return token, False
    _, token = await keys.create(DEV_KEY_NAME, Scope.ADMIN)
    write_secret(path, token)
    return token, True


def dev_key_for_serve(settings: Settings) -> str | None:
    """With the project's own Neo4j (and auth on): the development token, printed."""
    if not (settings.uses_local_neo4j and settings.auth_enabled):
        return None

    async def run() -> tuple[str, bool]:
        async with open_store(settings) as store:
            return await ensure_dev_key(store, settings.dev_key_file)

    token, created = asyncio.run(run())
    made = "Created" if created else "Using"
    out.print(f"{made} the development API key (admin), kept in {settings.dev_key_file}:")
    out.print(f"  Authorization: Bearer {token}", highlight=False, soft_wrap=True)
    out.print("GraphiQL opened from this machine sends it by default.")
    return token


async def _still_valid(keys: KeyService, token: str) -> bool:
    try:
        caller = await keys.authenticate(token)
    except UnauthenticatedError:
        return False
    return caller.may(Scope.ADMIN)


def write_secret(path: Path, text: str) -> None:
    """Write `text` readable by the owner only (0600), replacing the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text + "\n")
    path.chmod(0o600)
