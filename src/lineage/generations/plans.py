"""Having Neo4j plan the statements of every change before the first request needs them.

Planning a composed change (the checks, the write, the current version and the orphan
claim in one statement) takes Neo4j 0.3-3 s of CPU, and its cached plans are gone after
every start of Neo4j or `db.clearQueryCaches()`: the first regeneration after a start
took 2.2 s where the next took 15 ms. The service plans them once the schema is in
place, by running each change refused or empty (a regeneration of an asset with its own
id, which can never pass the checks) in one transaction that is always rolled back, so
nothing is written whatever the graph holds. The statements take their parameters as
one map each, so one plan serves every change whatever it holds.
"""

from __future__ import annotations

from contextlib import suppress

from lineage.assets.models import NewGeneration
from lineage.assets.repository import CHANGED_IDS, AssetRepository
from lineage.assets.rules import REVERT
from lineage.assets.slots import project_namespace, slot_key
from lineage.db.store import Store, Tx
from lineage.models import AssetType
from lineage.orphans.models import RefreshClaim
from lineage.orphans.repository import OrphanRepository, claiming
from lineage.orphans.tracker import StateUpdate

REFUSED_ID = "lineage-plans-warm-up"  # regenerates itself: refused whether it exists or not
NOTHING_CLAIMED = RefreshClaim(True, [], None, None, [])


class Planned(Exception):
    """Ends the warm-up's transaction: raised out of it, it rolls the transaction back."""


async def plan_changes(tx: Tx) -> None:
    """Run every change statement once, each refused or empty; then roll back."""
    refused = NewGeneration(
        id=REFUSED_ID, type=AssetType.IMAGE, provider="-", model="-", regenerates_id=REFUSED_ID
    )
    key = slot_key(project_namespace(None), REFUSED_ID)
    for ending in (claiming(REFUSED_ID), CHANGED_IDS):
        await AssetRepository.create(tx, refused, key, ending)
    await AssetRepository.change_status(tx, REFUSED_ID, REVERT, {}, claiming(REFUSED_ID))
    orphans = OrphanRepository.in_tx(tx)
    await orphans.claim_changed([])
    await orphans.store_refresh(StateUpdate(), NOTHING_CLAIMED, None)
    raise Planned


async def warm_change_plans(store: Store) -> None:
    """Have Neo4j plan every change statement (one write transaction, rolled back)."""
    with suppress(Planned):
        await store.in_write_tx(plan_changes)
