"""Schema and data migrations: ordered, idempotent, recorded in the graph."""

from __future__ import annotations

from lineage.db.migrations import migration_names, pending_migrations
from lineage.db.store import Store
from lineage.upgrades import DATA_MIGRATIONS, migrate
from tests.orphans.test_orphans_cli import scenario


def test_migrations_are_numbered_in_order() -> None:
    versions = [name.removeprefix("schema/") for name in migration_names()]
    numbers = [int(v.split("_", 1)[0]) for v in versions]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
    assert numbers[0] == 1


async def test_applying_twice_changes_nothing_and_everything_is_recorded(store: Store) -> None:
    assert await migrate(store) == []
    assert await pending_migrations(store) == []
    recorded = await store.read("migrations/list_applied")
    schema = [n.removeprefix("schema/") for n in migration_names()]
    assert [r["version"] for r in recorded] == sorted([*schema, *DATA_MIGRATIONS])


async def test_constraints_and_fulltext_index_exist(store: Store) -> None:
    async with store.driver.session() as session:
        result = await session.run("SHOW INDEXES YIELD name, type RETURN name, type")
        indexes = {record["name"]: record["type"] async for record in result}
    assert indexes["prompt_words"] == "FULLTEXT" and "prompt_text" not in indexes
    assert "asset_id_unique" in indexes and "project_code_unique" in indexes


async def test_orphan_flags_are_not_indexed(store: Store) -> None:
    async with store.driver.session() as session:
        result = await session.run("SHOW INDEXES YIELD name, properties RETURN name, properties")
        indexed = {record["name"]: record["properties"] async for record in result}
    assert [name for name, props in indexed.items() if "orphaned" in (props or [])] == []


async def test_projects_from_before_the_maintained_count_get_it_counted(store: Store) -> None:
    await scenario(store)  # project VSS-001 with one orphan, vid-1
    async with store.driver.session() as session:
        await (await session.run("MATCH (p:Project) REMOVE p.orphanCount")).consume()
    uncounted = await store.read("projects/list_orphan_counts")
    assert uncounted == [{"code": "VSS-001", "orphanCount": 0}]
    await migrate(store)
    assert await store.read("projects/list_orphan_counts") == [
        {"code": "VSS-001", "orphanCount": 1}
    ]
