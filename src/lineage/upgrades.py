"""Data migrations: changes to recorded data that no schema file can make.

They run once each, in order, after the schema files, through the same runner
(`apply_migrations`), which records them as applied like the schema's own; so
the service start, `lineage db migrate` and the test fixtures all run them.
"""

from __future__ import annotations

import logging
from functools import partial

from lineage.assets.repository import AssetRepository
from lineage.db.migrations import DataMigrations, apply_migrations
from lineage.db.store import Store
from lineage.orphans.refresh import recompute_all

log = logging.getLogger(__name__)
KEY_BATCH = 10_000
REFRESH_BATCH = 5_000


async def migrate(store: Store) -> list[str]:
    """Apply the schema migrations, then the data migrations not yet applied."""
    return await apply_migrations(store, DATA_MIGRATIONS)


async def slots_per_project(store: Store) -> None:
    """Re-key every slot by its project (before, a slot was its name alone, so two
    projects' `shot-001` were one slot): chains that crossed projects are split and
    renumbered, then current versions and orphan state are recomputed."""
    keyed = await _key_slots(store)
    [split] = await store.write("upgrades/split_foreign_regenerations")
    [renumbered] = await store.write("upgrades/renumber_versions")
    [linked] = await store.write("upgrades/relink_versions")
    await _refresh_current(store)
    await store.write("upgrades/delete_slot_locks")
    changes = await recompute_all(store)
    log.info(
        "slots per project: %d assets keyed, %d edges across projects removed, "
        "%d slots renumbered, %d edges relinked, %d orphan states changed",
        keyed,
        split["removed"],
        len(renumbered["slotKeys"]),
        linked["linked"],
        changes.count,
    )


async def _key_slots(store: Store) -> int:
    total = 0
    while True:
        [row] = await store.write("upgrades/key_slots", limit=KEY_BATCH)
        total += int(row["keyed"])
        if not row["keyed"]:
            return total


async def _refresh_current(store: Store) -> None:
    keys = [row["slotKey"] for row in await store.read("upgrades/list_slot_keys")]
    for start in range(0, len(keys), REFRESH_BATCH):
        batch = keys[start : start + REFRESH_BATCH]
        await store.in_write_tx(partial(AssetRepository.refresh_current_many, slot_keys=batch))


DATA_MIGRATIONS: DataMigrations = {"0033_slots_per_project": slots_per_project}
