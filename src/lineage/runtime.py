"""Getting a usable database for a CLI command: start the local Neo4j, apply the schema."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from lineage.console import out
from lineage.db.driver import create_driver, verify
from lineage.db.store import Store
from lineage.localdb.server import LocalNeo4j
from lineage.settings import Settings
from lineage.upgrades import migrate


async def prepare_database(settings: Settings) -> list[str]:
    """Check we can reach and log in to Neo4j, then apply the schema."""
    async with open_store(settings) as store:
        return await migrate(store)


def ensure_database(settings: Settings) -> None:
    """Start the local Neo4j when no NEO4J_URI is set; fail fast when unusable."""
    if settings.uses_local_neo4j:
        status = LocalNeo4j(settings).start()
        out.print(f"Neo4j {status.version} on {status.bolt_uri}")
        out.print(f"Neo4j Browser: {status.browser_url}")
    applied = asyncio.run(prepare_database(settings))
    if applied:
        out.print(f"Schema: applied {len(applied)} migration(s)")


@asynccontextmanager
async def open_store(settings: Settings) -> AsyncIterator[Store]:
    """A verified connection to the configured Neo4j, closed afterwards."""
    driver = create_driver(settings)
    try:
        await verify(driver)
        yield Store(driver, settings.neo4j_database)
    finally:
        await driver.close()
