"""Orphan state in Neo4j: every `cypher/orphans/*` query, its rows mapped to named models.

A repository runs its queries through one `run`: a transaction's (`in_tx`), or the
store's reads or writes (`reading`, `writing`), each in a transaction of its own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection
from typing import Any

from lineage.assets.models import Asset
from lineage.assets.nested import asset_of, assets_of
from lineage.db.cypher import Ending, composed
from lineage.db.store import Row, Store, Tx
from lineage.orphans import tracker
from lineage.orphans.models import (
    AffectedAsset,
    OrphanChanges,
    RefreshClaim,
    StoredRefresh,
)
from lineage.orphans.rules import OrphanStatus
from lineage.orphans.tracker import StateUpdate, status_from_candidates
from lineage.paging import Page

Run = Callable[..., Awaitable[list[Row]]]
WRITE_BATCH = 10_000
FULL_RECOMPUTE_PAGE = 20_000
OUTDATED_SAMPLE_SHARE = 0.05  # Neo4j's db.index_sampling.update_percentage default


SEEDS_BY_ID = "orphans/refresh/seeds_by_id"
CLAIM_CHANGED = "orphans/refresh/claim_changed"
CLAIM = composed(SEEDS_BY_ID, CLAIM_CHANGED, "orphans/refresh/return_claim")
MOVE_ROOT = composed("orphans/refresh/move_root", "orphans/refresh/move_counts")
STORE_REFRESH = composed("orphans/refresh/store_states", MOVE_ROOT, "orphans/refresh/return_stored")
RECOMPUTED_ROOTS = "orphans/recompute/roots_by_asset"
RECOMPUTE = composed(RECOMPUTED_ROOTS, "orphans/recompute/store_recomputed")
RECOMPUTE_IN_SCOPE = composed(
    "orphans/recompute/lock_scope",
    "orphans/recompute/roots_in_scope",
    "orphans/recompute/store_in_scope",
)


def outdated_indexes(samples: list[dict[str, Any]]) -> int:
    """How many of the indexes (as Neo4j's `GRAPH COUNTS` describes them) Neo4j would
    resample: those updated since their last sample by more than `OUTDATED_SAMPLE_SHARE`
    of their size, or sampled empty and updated since."""
    return sum(
        1
        for each in samples
        if (updates := each["updatesSinceEstimation"]) > 0
        and updates > OUTDATED_SAMPLE_SHARE * each["totalSize"]
    )


def claiming(asset_id: str) -> Ending:
    """The ending of a change's statement that claims, in the same round trip, what the
    change can affect for the orphan refresh (lineage.orphans.refresh), and finishes the
    refresh there too when the claim is small, the short way included (then it reads
    back the asset `asset_id`)."""
    claim = {
        "shortWayConsumers": tracker.SHORT_WAY_CONSUMERS,
        "storeAtMost": tracker.STORED_WITH_CLAIM,
        "assetId": asset_id,
    }
    name = composed(
        CLAIM_CHANGED,
        "orphans/refresh/store_claimed",
        MOVE_ROOT,
        "orphans/refresh/return_claimed",
    )
    return Ending(name, {"claim": claim}, RefreshClaim.seeds_of)


def stored_refresh_of(row: Row) -> StoredRefresh:
    """What STORE_REFRESH (or orphans/refresh/store_claimed) stored, from its row."""
    moved = OrphanChanges(row["orphaned"], row["restored"], row["changed"])
    asset = asset_of(row["asset"]) if row["asset"] else None
    return StoredRefresh(row["complete"], moved, asset)


class OrphanRepository:
    def __init__(self, run: Run) -> None:
        self.run = run

    @classmethod
    def in_tx(cls, tx: Tx) -> OrphanRepository:
        return cls(tx.run)

    @classmethod
    def reading(cls, store: Store) -> OrphanRepository:
        return cls(store.read)

    @classmethod
    def writing(cls, store: Store) -> OrphanRepository:
        return cls(store.write)

    # -- the refresh, inside a mutation's transaction --------------------------

    async def claim_changed(self, ids: list[str]) -> RefreshClaim:
        """Claim what changes made earlier in the transaction to `ids` can affect."""
        claim = {"shortWayConsumers": tracker.SHORT_WAY_CONSUMERS}
        [row] = await self.run(CLAIM, seeds={"ids": ids}, claim=claim)
        return RefreshClaim.of(row)

    async def store_refresh(
        self, update: StateUpdate, claim: RefreshClaim, asset_id: str | None
    ) -> StoredRefresh:
        """Store the states computed for the claimed assets, take the short way for
        the claim's `move_root`, and read back the asset `asset_id`: one statement
        (more when the states fill more than one batch)."""
        rows = update.rows
        while len(rows) > WRITE_BATCH:
            await self.set_status(rows[:WRITE_BATCH], [])
            rows = rows[WRITE_BATCH:]
        refresh: dict[str, Any] = {"rows": rows, "deltas": update.deltas, "assetId": asset_id}
        refresh |= {"root": claim.move_root, "add": claim.add, "exclude": claim.others}
        [row] = await self.run(STORE_REFRESH, refresh=refresh)
        return stored_refresh_of(row)

    async def set_status(self, rows: list[dict[str, Any]], deltas: list[dict[str, Any]]) -> None:
        """Store computed states in batches, the projects' count moves with the first
        (nothing when there is nothing to store)."""
        for start in range(0, len(rows), WRITE_BATCH):
            batch = rows[start : start + WRITE_BATCH]
            await self.run("orphans/set_status", rows=batch, deltas=deltas if start == 0 else [])

    async def set_pin(self, asset_id: str, input_id: str, pinned: bool, at: str) -> bool:
        """Pin (or unpin) the asset's edges to the input; False when it has none."""
        params = {"assetId": asset_id, "inputId": input_id, "pinned": pinned, "at": at}
        return bool(await self.run("orphans/set_pin", **params))

    # -- reasons and facts -----------------------------------------------------

    async def reasons_of(self, ids: Collection[str]) -> dict[str, OrphanStatus]:
        """Why each of `ids` is orphaned, derived from the graph as it is now (assets
        with no reason are left out)."""
        if not ids:
            return {}
        rows = await self.run("orphans/explain_reasons", ids=sorted(ids))
        return {row["id"]: status_from_candidates(row["candidates"]) for row in rows}

    async def find_affected(self, slot_keys: list[str]) -> list[AffectedAsset]:
        [found] = await self.run("orphans/find_affected", slotKeys=slot_keys, ids=[])
        return [AffectedAsset.of(row) for row in found["rows"]]

    async def list_all_facts(self, page: int = FULL_RECOMPUTE_PAGE) -> list[AffectedAsset]:
        """Every asset's facts, read page by page (for checks that re-run the rules)."""
        assets: list[AffectedAsset] = []
        after = ""
        while True:
            batch = await self.run("orphans/list_all_facts", afterId=after, limit=page)
            assets.extend(AffectedAsset.of(row) for row in batch)
            if len(batch) < page:
                return assets
            after = batch[-1]["id"]

    # -- the full recomputation ------------------------------------------------

    async def prepare_for_recompute(self) -> bool:
        """Have Neo4j resample its outdated indexes and plan again, when any is
        outdated (else that would only cost a replanning); whether it did."""
        [row] = await self.run("orphans/recompute/list_index_samples")
        if not outdated_indexes(row["indexes"]):
            return False
        await self.run("orphans/prepare_for_recompute")
        return True

    async def store_recomputed_in_scope(
        self, seeds: list[str], projects: list[str]
    ) -> OrphanChanges:
        """Recompute the orphan state of `seeds` and of every asset built from them, store
        what differs and count afresh the orphans of their projects and of `projects`:
        two statements (the assets beyond the seeds, then the recomputation, its assets
        locked first); what changed, each list in id order."""
        [found] = await self.run("orphans/recompute/list_scope_beyond", seeds={"ids": seeds})
        scope = {"ids": seeds + found["beyond"], "projects": projects}
        [row] = await self.run(RECOMPUTE_IN_SCOPE, scope=scope)
        return _changes(row["moves"])

    async def store_recomputed(self) -> OrphanChanges:
        """Recompute every asset's orphan state and every project's count from scratch
        and store what differs, in one statement; what changed, each list in id order."""
        [row] = await self.run(RECOMPUTE)
        return _changes(row["moves"])

    # -- pages of a project's orphans ------------------------------------------

    async def list_page(
        self, project_code: str, root_cause: str | None, asked: Page
    ) -> tuple[list[Asset], int]:
        """Up to `asked.size + 1` orphans after the cursor, and the project's
        maintained orphan count."""
        name = "orphans/list_page" if asked.after_id is None else "orphans/list_page_after"
        params = {"projectCode": project_code, "rootCause": root_cause, **asked.params()}
        [row] = await self.run(name, **params)
        return assets_of(row["assets"]), int(row["orphanCount"])

    async def count_of_root_cause(self, project_code: str, root_cause: str) -> int:
        params = {"projectCode": project_code, "rootCause": root_cause}
        [row] = await self.run("orphans/count_of_root_cause", **params)
        return int(row["totalCount"])

    async def sum_orphan_cost(self, project_code: str, root_cause: str | None) -> int:
        params = {"projectCode": project_code, "rootCause": root_cause}
        [row] = await self.run("orphans/sum_orphan_cost", **params)
        return int(row["estimatedCostMicros"])

    async def summarize_by_root_cause(self, project_code: str) -> list[tuple[str, int, int]]:
        """(root cause, orphans, cost to redo them in micro-dollars), most orphans first."""
        rows = await self.run("orphans/summarize_by_root_cause", projectCode=project_code)
        return [(r["rootCause"], r["count"], r["estimatedCostMicros"]) for r in rows]


def _changes(moves: list[list[list[str]]]) -> OrphanChanges:
    """The changes of a recomputation's moves ([orphaned, restored, changed] a project)."""
    return OrphanChanges(*(sorted(i for move in moves for i in move[k]) for k in range(3)))
