"""Schema migrations: ordered, idempotent, recorded in the graph."""

from __future__ import annotations

from lineage.db.migrations import apply_migrations, migration_names, pending_migrations
from lineage.db.store import Store


def test_migrations_are_numbered_in_order() -> None:
    versions = [name.removeprefix("schema/") for name in migration_names()]
    numbers = [int(v.split("_", 1)[0]) for v in versions]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert numbers[0] == 1


async def test_applying_twice_changes_nothing_and_everything_is_recorded(store: Store) -> None:
    assert await apply_migrations(store) == []
    assert await pending_migrations(store) == []
    recorded = await store.read("migrations/list_applied")
    assert [r["version"] for r in recorded] == [
        n.removeprefix("schema/") for n in migration_names()
    ]


async def test_constraints_and_fulltext_index_exist(store: Store) -> None:
    async with store.driver.session() as session:
        result = await session.run("SHOW INDEXES YIELD name, type RETURN name, type")
        indexes = {record["name"]: record["type"] async for record in result}
    assert indexes["prompt_text"] == "FULLTEXT"
    assert "asset_id_unique" in indexes and "project_code_unique" in indexes
