"""Schema migrations: `cypher/schema/NNNN_*.cypher`, applied in order, idempotently,
then the data migrations the caller passes (`lineage.upgrades`), each once.

The same function runs at service start-up and in the test fixtures. Each
file holds one `IF NOT EXISTS` statement; applied versions are recorded as
`(:SchemaMigration {version, appliedAt})` nodes in the graph.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from lineage.db import cypher
from lineage.db.store import Store

DataMigrations = Mapping[str, Callable[[Store], Awaitable[None]]]


def migration_names() -> list[str]:
    """Every schema migration, in the order it must run."""
    return cypher.names("schema")


async def apply_migrations(store: Store, data: DataMigrations | None = None) -> list[str]:
    """Apply what is not yet recorded (the schema files, then the `data` migrations
    by version); return the versions applied now."""
    applied = {row["version"] for row in await store.read("migrations/list_applied")}
    newly: list[str] = []
    for name in migration_names():
        version = name.removeprefix("schema/")
        await store.write(name)
        if version not in applied:
            await store.write("migrations/record_applied", version=version)
            newly.append(version)
    await store.write("migrations/await_indexes")
    for version, migration in sorted((data or {}).items()):
        if version not in applied:
            await migration(store)
            await store.write("migrations/record_applied", version=version)
            newly.append(version)
    return newly


async def pending_migrations(store: Store) -> list[str]:
    """Versions present as files but not yet recorded in the graph."""
    applied = {row["version"] for row in await store.read("migrations/list_applied")}
    return [
        n.removeprefix("schema/")
        for n in migration_names()
        if n.removeprefix("schema/") not in applied
    ]
