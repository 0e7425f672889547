"""Keeping stored orphan state equal to the rules, inside the transaction that changes
things, and recomputing it all from scratch: the orchestration of the repository's
queries and the tracker's pure diffing.

Every mutation that can change what is current, broken or revised names the nodes
it touched; the refresh re-evaluates those and everything built from them (and
nothing else), stores what changed, and returns which assets became orphaned or
stopped being orphaned. A change to an asset's status or a new attempt ends its own
statement with `OrphanRepository`'s `claiming()`, so the claim travels with the change; a
small claim is finished in that statement too, the short way included, and
`refreshed_after` otherwise stores the result and reads the asset back in one more
statement; any other change calls `refresh_in` (two statements). The reasons (kind,
path, depth) are derived when read (`OrphanRepository.reasons_of`), from the graph as
it is.
"""

from __future__ import annotations

from collections.abc import Collection

from lineage.assets.models import Asset
from lineage.bulk import paused_gc
from lineage.db.store import Row, Store, Tx
from lineage.errors import NotFoundError
from lineage.orphans.models import OrphanChanges, RefreshClaim
from lineage.orphans.repository import OrphanRepository, stored_refresh_of
from lineage.orphans.tracker import StateUpdate, reevaluation


async def refresh_in(tx: Tx, ids: Collection[str]) -> OrphanChanges:
    """Re-evaluate what the changes made earlier in `tx` to `ids` (assets or prompts)
    can affect, and store what changed: two statements."""
    claim = await OrphanRepository.in_tx(tx).claim_changed(sorted(set(ids)))
    changes, _ = await stored(OrphanRepository.in_tx(tx), claim, None)
    return changes


async def refreshed_after(tx: Tx, claimed: Row, asset_id: str) -> tuple[OrphanChanges, Asset]:
    """Finish the refresh that a change's statement began with the `claiming()` ending
    (its result row: `claimed`): nothing more when that statement stored it; else store
    what changed, and read back the asset `asset_id`, in one more statement."""
    if claimed["stored"]:
        done = stored_refresh_of(claimed)
        changes, asset = done.moved, done.asset
        if not claimed["rootMoveComplete"]:
            orphans = OrphanRepository.in_tx(tx)
            claim = RefreshClaim.of(claimed)
            more, asset = await root_moved(orphans, claim, StateUpdate(), asset_id)
            changes += more
    else:
        orphans = OrphanRepository.in_tx(tx)
        changes, asset = await stored(orphans, RefreshClaim.of(claimed), asset_id)
    if asset is None:
        raise NotFoundError(f"no asset with id {asset_id!r}")
    return changes, asset


async def stored(
    orphans: OrphanRepository, claim: RefreshClaim, asset_id: str | None
) -> tuple[OrphanChanges, Asset | None]:
    """Propagate the claimed assets' root causes, store what differs and take the short
    way where the claim found it applies. A claim (or a short way) that found a
    consumer committed while it waited for locks is taken again."""
    while not claim.complete:
        claim = await orphans.claim_changed(claim.changed_ids)
    with paused_gc():  # thousands of small objects, no cycles: spare the p95 a collection
        update = reevaluation(claim.claimed)
    changes, asset = await root_moved(orphans, claim, update, asset_id)
    return update.changes + changes, asset


async def root_moved(
    orphans: OrphanRepository, claim: RefreshClaim, update: StateUpdate, asset_id: str | None
) -> tuple[OrphanChanges, Asset | None]:
    """Store `update` and take the claim's short way (again, while it finds a consumer
    committed while it waited for locks); its moves and the asset `asset_id`."""
    done = await orphans.store_refresh(update, claim, asset_id)
    while not done.complete:
        done = await orphans.store_refresh(StateUpdate(), claim, asset_id)
    return done.moved, done.asset


async def recompute_scope(
    store: Store, seeds: Collection[str], projects: Collection[str] = ()
) -> OrphanChanges:
    """Recompute the orphan state of `seeds` (assets or prompts a bulk change wrote, an
    import's) and of every asset built from them, store what differs and count afresh
    the orphans of their projects and of `projects`, in one transaction, the scope's
    assets locked before their state is read. Unlike `refresh_in` (made for a change of
    a few nodes: it reads the claimed assets into Python) it trusts no orphan state
    stored in the scope (orphans/recompute/roots_in_scope); unlike `recompute_all` it
    reads only the scope and its inputs, whatever else the instance holds."""

    async def work(tx: Tx) -> OrphanChanges:
        orphans = OrphanRepository.in_tx(tx)
        return await orphans.store_recomputed_in_scope(sorted(set(seeds)), sorted(set(projects)))

    return await store.in_write_tx(work)


async def recompute_all(store: Store) -> OrphanChanges:
    """Recompute every asset's orphan state and every project's count from scratch,
    and store what differs.

    One statement (orphans/recompute/*) finds every orphan and its root causes in one
    pass from the root causes, compares them with what is stored (stored orphans no
    root cause reaches any more are cleared) and writes only the differences. Neo4j
    resamples its outdated indexes first, if any (its cost is in docs/performance.md):
    this runs after bulk changes, and index samples taken before them (of an empty
    graph, say) have the planner choose a plan that scans every asset per root cause
    and never ends. With no index outdated, the cached plan is kept: resampling
    would change nothing, and emptying the caches only costs a replanning.
    """
    orphans = OrphanRepository.writing(store)
    await orphans.prepare_for_recompute()
    return await orphans.store_recomputed()
