"""`lineage bench-import` on a tiny generated tree: its floor writes what the import
writes, and the command prints both next to each other."""

from __future__ import annotations

from pathlib import Path

from lineage.bench.imports import write_plainly
from lineage.bench.synthetic import write_tree
from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.legacy.importer import import_legacy
from lineage.settings import Settings
from tests.bench.test_bench_command import lineage, neo4j_env

COUNTS = """
MATCH (a:Asset)
RETURN count(a) AS assets,
       sum(COUNT { (a)-[:USES_FRAME]->() }) AS frames,
       sum(COUNT { (a)-[:REGENERATES]->() }) AS regenerates
"""


async def counts(store: Store) -> dict[str, int]:
    async with store.driver.session(database=store.database) as session:
        record = await (await session.run(COUNTS)).single()
    assert record is not None
    return dict(record)


async def test_the_floor_writes_the_imports_assets_and_edges(
    store: Store, settings: Settings, tmp_path: Path
) -> None:
    shape = write_tree(tmp_path / "tree", 600, 6)
    await import_legacy(store, LocalFileStore(tmp_path / "catalog"), tmp_path / "tree")
    imported = await counts(store)
    assert imported["assets"] == shape.records and imported["regenerates"] > 0
    assert await write_plainly(settings, tmp_path / "tree") > 0
    assert await counts(store) == imported


async def test_the_command_prints_the_import_next_to_its_floor(
    store: Store, settings: Settings
) -> None:
    done = lineage(
        "bench-import",
        "--records",
        "600",
        "--files",
        "6",
        "--skip-memory",
        "--wipe-ok",
        **neo4j_env(settings),
    )
    assert done.returncode == 0, done.stderr
    for text in ("assets imported per second", "plain Cypher floor", "import / floor", "600"):
        assert text in done.stdout, done.stdout
