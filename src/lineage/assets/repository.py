"""Assets in Neo4j: the one home of the asset queries' names and of their rows' models.

Reads go through the store (batches of ids for the request's loaders: one statement
a relation, never one a parent); writes run inside a caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from lineage.assets import catalog
from lineage.assets.models import (
    Asset,
    AssetStatus,
    CatalogQuery,
    Completion,
    CostGroup,
    NewGeneration,
    SearchHit,
    UsedFrame,
    promoted_params,
)
from lineage.assets.nested import (
    EVERY_PROPERTY,
    asset_of,
    assets_of,
    frames_of,
    nested_values,
    with_properties,
)
from lineage.assets.rules import StatusMove
from lineage.assets.slots import name_of
from lineage.db.cypher import Ending, composed
from lineage.db.store import Row, Store, Tx
from lineage.errors import NotFoundError
from lineage.fulltext import keywords_query
from lineage.models import utc_timestamp
from lineage.paging import Page
from lineage.prompts.models import Prompt

T = TypeVar("T")

RELATION_FIELDS = {
    "prompt_ids",
    "source_asset_ids",
    "frames",
    "workflow_id",
    "regenerates_id",
    "params",
}


def asset_row(gen: NewGeneration, key: str, version: int | None = None) -> dict[str, Any]:
    """The node's properties for a new attempt of the slot `key`. Without `version`,
    assets/changes/create_attempt sets it under the slot's lock; the legacy importer, which owns its
    slots, passes it."""
    row = gen.model_dump(by_alias=True, mode="json", exclude=RELATION_FIELDS)
    ready = gen.status is AssetStatus.READY
    return {
        **promoted_params(gen.type, gen.params),
        **row,
        "slot": name_of(key),
        "slotKey": key,
        **({} if version is None else {"version": version}),
        "isCurrent": False,
        "currentSince": (gen.completed_at or gen.created_at) if ready else None,
        "paramsJson": json.dumps(gen.params, ensure_ascii=False),
    }


def references_of(gen: NewGeneration) -> dict[str, Any]:
    """The parameters of `assets/find_generation_references` for `gen`."""
    return {
        "id": gen.id,
        "promptIds": gen.prompt_ids,
        "sourceIds": gen.source_asset_ids,
        "frameIds": [f.asset_id for f in gen.frames],
        "workflowId": gen.workflow_id,
        "projectCode": gen.project_code,
        "regeneratesId": gen.regenerates_id,
    }


def _hit(row: Row) -> SearchHit:
    return SearchHit(
        asset=asset_of(row["asset"]),
        key=row["key"],
        matched_prompts=[Prompt.model_validate(p) for p in row["matchedPrompts"]],
        matched_own_text=row["matchedOwnText"],
        nested=nested_values(row.get("nested", {})),
    )


def _frames(row: Row) -> list[UsedFrame]:
    return frames_of(row["frames"])


def catalog_params(query: CatalogQuery, slot_key: str | None) -> dict[str, Any]:
    """The catalog statements' parameters for `query` (`slot_key`: its slot's, if any)."""
    return {
        "type": query.type.value if query.type else None,
        "provider": query.provider,
        "model": query.model,
        "status": query.status.value if query.status else None,
        "projectCode": query.project_code,
        "slotKey": slot_key,
        "search": keywords_query(query.search) if query.search else None,
        "searchChain": query.search_prompt_chain,
        "createdFrom": query.created_from,
        "createdTo": query.created_to,
        "currentOnly": query.current_only,
        "orphaned": query.orphaned,
        "orderBy": query.order_by,
        "descending": query.descending,
    }


def completion_changes(completion: Completion, now: str) -> dict[str, Any]:
    """The properties a completion sets: those given, and its time (given, else `now`)."""
    changes = {
        "filename": completion.filename,
        "url": completion.url,
        "estimatedCost": completion.estimated_cost,
        "generationTimeMs": completion.generation_time_ms,
    }
    at = completion.completed_at or now
    given = {k: v for k, v in changes.items() if v is not None}
    return {**given, "completedAt": at, "currentSince": at, "error": None}


CHECK_GENERATION = "assets/changes/check_generation"
CREATE_ATTEMPT = "assets/changes/create_attempt"
SET_STATUS = "assets/changes/set_status"
REFRESH_CURRENT = "assets/changes/refresh_current"


def returned_changed_ids(row: Row) -> list[str]:
    """The ids assets/changes/return_changed returned."""
    return list(row["changedIds"])


CHANGED_IDS = Ending("assets/changes/return_changed", {}, returned_changed_ids)


class AssetRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def find(self, asset_id: str) -> Asset | None:
        rows = await self.store.read("assets/find_by_id", id=asset_id)
        return asset_of(rows[0]["asset"]) if rows else None

    @staticmethod
    async def find_in(tx: Tx, asset_id: str) -> Asset | None:
        rows = await tx.run("assets/find_by_id", id=asset_id)
        return asset_of(rows[0]["asset"]) if rows else None

    @staticmethod
    async def get_in(tx: Tx, asset_id: str) -> Asset:
        """The asset, read in `tx`; NotFoundError when there is none."""
        asset = await AssetRepository.find_in(tx, asset_id)
        if asset is None:
            raise NotFoundError(f"no asset with id {asset_id!r}")
        return asset

    @staticmethod
    async def find_many_in(tx: Tx, ids: list[str]) -> dict[str, Asset]:
        """The assets of `ids` found, by id, read in `tx`."""
        rows = await tx.run("assets/find_many", ids=ids)
        return {row["id"]: asset_of(row["asset"]) for row in rows}

    @staticmethod
    async def references(tx: Tx, gen: NewGeneration) -> dict[str, Any]:
        """What exists of what `gen` names (see `lineage.assets.rules.check_references`)."""
        [row] = await tx.run("assets/find_generation_references", **references_of(gen))
        return row

    @staticmethod
    async def find_for_change(tx: Tx, asset_id: str) -> tuple[Asset, bool]:
        """The asset before a status change, and whether its project is archived
        (NotFoundError when there is no such asset)."""
        rows = await tx.run("assets/find_for_change", id=asset_id)
        if not rows:
            raise NotFoundError(f"no asset with id {asset_id!r}")
        return asset_of(rows[0]["asset"]), bool(rows[0]["projectArchived"])

    @staticmethod
    async def create(tx: Tx, gen: NewGeneration, key: str, ending: Ending) -> Row:
        """A new attempt, with its edges, and its slot's current attempt recomputed, in
        one statement that `ending` ends, when the checks of recordGeneration's write
        pass (assets/changes/check_generation; refused, it changes nothing: the ending
        starts from no changed node). It joins the slot `key`, or, when it regenerates
        an attempt, that attempt's slot (and project, when it names none)."""
        name = composed(CHECK_GENERATION, CREATE_ATTEMPT, REFRESH_CURRENT, ending.name)
        generation = {
            "row": asset_row(gen, key),
            "at": utc_timestamp(),
            "projectCode": gen.project_code,
            "slot": gen.slot or None,
            "promptIds": gen.prompt_ids,
            "sourceIds": gen.source_asset_ids,
            "frames": [f.to_row() for f in gen.frames],
            "workflowId": gen.workflow_id,
            "regeneratesId": gen.regenerates_id,
        }
        [result] = await tx.run(name, generation=generation, **ending.params)
        return result

    @staticmethod
    async def refresh_current_many(tx: Tx, slot_keys: list[str]) -> None:
        """Recompute the current attempt of each of the slots (as a change does for its
        own): for imports and upgrades, which write many slots at once."""
        await tx.run("assets/refresh_current_many", slotKeys=slot_keys)

    @staticmethod
    async def change_status(
        tx: Tx, asset_id: str, status: StatusMove, changes: dict[str, Any], ending: Ending
    ) -> Row:
        """Set an attempt's status (and `changes`) when it is one of `status.before` and
        its project is not archived, and recompute its slot's current attempt, in one
        statement that `ending` ends (refused, it changes nothing: the ending starts from
        no changed node)."""
        name = composed(SET_STATUS, REFRESH_CURRENT, ending.name)
        change = {"id": asset_id, "status": status.after, "from": status.before, "changes": changes}
        [result] = await tx.run(name, statusChange=change, **ending.params)
        return result

    async def list_page(
        self,
        page: Page,
        query: CatalogQuery,
        slot_key: str | None,
        nested: Sequence[str] = (),
    ) -> tuple[list[SearchHit], int | None]:
        """One page of the catalog, and how many assets match in all when the page's
        statement counted them (by words or in a slot; else `count` does). A page
        anchored on an index reads the `nested` fields of its assets in the same
        statement (`catalog.NESTED_FRAGMENTS`); a page by words or in a slot does not."""
        rows, total = await self.list_page_rows(page, query, slot_key, nested)
        return [_hit(hit) for hit in rows], total

    async def list_page_rows(
        self,
        page: Page,
        query: CatalogQuery,
        slot_key: str | None,
        nested: Sequence[str] = (),
        shown: dict[str, list[str]] = EVERY_PROPERTY,
    ) -> tuple[list[Row], int | None]:
        """`list_page` as the statements' rows: {key, asset: properties, matchedPrompts,
        matchedOwnText, nested: {field: rows} (only the fields read)}; the nodes of a
        page with nested fields hold only the properties `shown` names for their kind
        (`lineage.assets.nested`)."""
        filters = catalog_params(query, slot_key)
        if not catalog.found_by_index(filters):
            [row] = await self.store.read(catalog.BY_WORDS_OR_SLOT, **page.params(), **filters)
            return row["assets"], row["totalCount"]
        rows = (
            await self._keyed(page, filters, nested, shown)
            if page.after_key is not None or not page.after_id
            else []
        )
        if len(rows) <= page.size and filters["orderBy"] in catalog.NULLABLE_ORDERS:
            in_tail = page.after_id if page.after_key is None else None
            [tail] = await self.store.read(
                catalog.tail_page(filters, nested),
                **filters,
                afterId=in_tail,
                limit=page.size + 1 - len(rows),
                shown=shown,
            )
            rows += tail["assets"]
        return ([with_properties(row, shown) for row in rows] if nested else rows), None

    async def _keyed(
        self,
        page: Page,
        filters: dict[str, Any],
        nested: Sequence[str],
        shown: dict[str, list[str]],
    ) -> list[dict[str, Any]]:
        """The page's assets that have the order's key, from the cursor on."""
        start = catalog.start_of(filters, page.after_key, page.after_id)
        [row] = await self.store.read(
            catalog.anchored_page(filters, nested),
            **filters,
            **start,
            limit=page.size + 1,
            shown=shown,
        )
        found: list[dict[str, Any]] = row["assets"]
        return found

    def counts_with_page(self, query: CatalogQuery, slot_key: str | None) -> bool:
        """Whether `list_page` counts the matches itself (a page by words or in a slot)."""
        return not catalog.found_by_index(catalog_params(query, slot_key))

    async def count(self, query: CatalogQuery, slot_key: str | None) -> int:
        """How many assets pass the filters of a page anchored on an index (a page
        found by words or in a slot counts its matches itself: `list_page`)."""
        filters = catalog_params(query, slot_key)
        [row] = await self.store.read(catalog.counting(filters), **filters)
        return int(row["total"])

    async def summarize_costs(self, project_code: str, group_by: str) -> list[CostGroup]:
        """A project's attempts grouped by provider, model, type or day, ordered by key."""
        rows = await self.store.read(
            "assets/summarize_costs", projectCode=project_code, groupBy=group_by
        )
        return [
            CostGroup(
                key=r["key"],
                attempts=r["attempts"],
                ready_attempts=r["readyAttempts"],
                failed_attempts=r["failedAttempts"],
                cost_micros=r["costMicros"],
                failed_cost_micros=r["failedCostMicros"],
            )
            for r in rows
        ]

    # Batches for the request's loaders: each answers for the ids it found.

    async def list_many(self, ids: Collection[str]) -> dict[str, Asset]:
        return await self._batch("assets/find_many", ids, lambda r: asset_of(r["asset"]))

    async def list_prompts_of(self, ids: Collection[str]) -> dict[str, list[Prompt]]:
        """The prompts each asset was generated from, oldest first."""
        return await self._batch(
            "assets/list_prompts_of",
            ids,
            lambda r: [Prompt.model_validate(p) for p in r["prompts"]],
        )

    async def list_sources_of(self, ids: Collection[str]) -> dict[str, list[Asset]]:
        return await self._batch("assets/list_sources_of", ids, lambda r: assets_of(r["assets"]))

    async def list_frames_of(self, ids: Collection[str]) -> dict[str, list[UsedFrame]]:
        """The frames each video uses, start before end."""
        return await self._batch("assets/list_frames_of", ids, _frames)

    async def list_used_by(self, ids: Collection[str]) -> dict[str, list[Asset]]:
        """What was built from each asset or prompt (one step downstream), oldest first."""
        return await self._batch("assets/list_used_by", ids, lambda r: assets_of(r["assets"]))

    async def list_versions_of(self, slot_keys: Collection[str]) -> dict[str, list[Asset]]:
        """Every attempt of each slot, oldest version first."""
        rows = await self.store.read("assets/list_versions_of", slotKeys=list(slot_keys))
        return {row["slotKey"]: assets_of(row["assets"]) for row in rows}

    async def list_lineage_costs(self, ids: Collection[str]) -> dict[str, int]:
        """What each asset really cost, upstream included, in millionths of a dollar."""
        return await self._batch("assets/list_lineage_costs", ids, lambda r: r["costMicros"])

    async def _batch(
        self, query: str, ids: Collection[str], value: Callable[[Row], T]
    ) -> dict[str, T]:
        rows = await self.store.read(query, ids=list(ids))
        return {row["id"]: value(row) for row in rows}
