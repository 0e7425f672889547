"""GraphQL queries and mutations of the catalog: record generations, search, versions."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

import strawberry
from pydantic import ValidationError
from strawberry.scalars import JSON

from lineage.api.info import Ctx
from lineage.api.relay import PageInfo, window
from lineage.api.scalars import DateTime
from lineage.assets import page_plan
from lineage.assets.models import Asset, CatalogQuery, Completion, Frame, NewGeneration, SearchHit
from lineage.assets.nodes import AssetNode, AssetStatus, AssetType, FrameRole
from lineage.assets.service import AssetChange
from lineage.errors import InvalidInputError
from lineage.paging import Page, page
from lineage.prompts.nodes import PromptNode
from lineage.validation import describe


@strawberry.input
class FrameInput:
    asset_id: strawberry.ID
    role: FrameRole  # type: ignore[valid-type]
    position: int = 0


@strawberry.input(description="One generation attempt, with everything it came from.")
class RecordGenerationInput:
    client_key: str | None = strawberry.field(
        default=None, description="Idempotency key: the same request sent twice records one thing."
    )
    id: strawberry.ID | None = None
    type: AssetType  # type: ignore[valid-type]
    provider: str
    model: str
    status: AssetStatus = AssetStatus.READY  # type: ignore[valid-type]
    name: str | None = None
    prompt: str | None = strawberry.field(default=None, description="Prompt text the tool sent.")
    filename: str | None = None
    url: str | None = None
    error: str | None = None
    created_at: DateTime | None = None
    completed_at: DateTime | None = None
    estimated_cost: float | None = None
    generation_time_ms: int | None = None
    params: JSON | None = strawberry.field(
        default=None, description="Every parameter; stored and returned exactly as sent."
    )
    slot: str | None = strawberry.field(
        default=None,
        description=(
            "Version slot within the project, e.g. shot-001 (trimmed; each project has its "
            "own). Default: the slot of the attempt it regenerates, else a slot of its own."
        ),
    )
    project_code: str | None = None
    prompt_ids: list[strawberry.ID] | None = None
    source_asset_ids: list[strawberry.ID] | None = None
    frames: list[FrameInput] | None = None
    workflow_id: strawberry.ID | None = None
    regenerates_id: strawberry.ID | None = strawberry.field(
        default=None,
        description=(
            "The attempt this one regenerates: same slot, same project (an attempt that "
            "names no project joins that one's)."
        ),
    )
    file_ref: str | None = strawberry.field(
        default=None, description="The `ref` POST /files returned for this attempt's bytes."
    )
    source_path: str | None = strawberry.field(
        default=None, description="Copy the bytes from this file under LINEAGE_SOURCE_ROOT."
    )
    source_url: str | None = strawberry.field(
        default=None, description="Copy the bytes from this http(s) URL (e.g. the provider's)."
    )


@strawberry.input
class CompleteGenerationInput:
    id: strawberry.ID
    completed_at: DateTime | None = None
    filename: str | None = None
    url: str | None = None
    estimated_cost: float | None = None
    generation_time_ms: int | None = None


@strawberry.enum
class AssetOrderField(Enum):
    CREATED_AT = "createdAt"
    COST = "estimatedCost"
    NAME = "name"


@strawberry.enum
class SortDirection(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input(
    description=(
        "Sort key and direction; ties go by id in the same direction, and assets "
        "without the key (no cost, no name) come last either way."
    )
)
class AssetOrder:
    field: AssetOrderField = AssetOrderField.CREATED_AT
    direction: SortDirection = SortDirection.DESC


@strawberry.input
class AssetFilter:
    type: AssetType | None = None  # type: ignore[valid-type]
    provider: str | None = None
    model: str | None = None
    status: AssetStatus | None = None  # type: ignore[valid-type]
    project_code: str | None = None
    slot: str | None = strawberry.field(
        default=None,
        description="Only this slot of `projectCode` (e.g. shot-001); needs `projectCode`.",
    )
    search: str | None = strawberry.field(
        default=None,
        description=(
            "Words in any script, all of which must match (see the README's search section): "
            "in an asset's own prompt or name, or in a prompt it was made from."
        ),
    )
    search_prompt_chain: bool = strawberry.field(
        default=True,
        description=(
            "With `search`: also match the assets made from prompts refined or revised from "
            "a matching prompt (a human prompt's words find the images of its refinements)."
        ),
    )
    created_from: DateTime | None = strawberry.field(default=None, description="Inclusive.")
    created_to: DateTime | None = strawberry.field(default=None, description="Exclusive.")
    current_only: bool = False
    orphaned: bool | None = strawberry.field(
        default=None, description="Only orphaned (true) or only not orphaned (false) assets."
    )


@strawberry.type(description="An asset of a list, and what of the search it matched.")
class AssetEdge:
    cursor: str
    node: AssetNode
    matched_prompts: list[PromptNode] = strawberry.field(
        description=(
            "The prompts whose words matched the search: one the asset was made from, or "
            "one such a prompt was refined or revised from. Empty without a search."
        )
    )
    matched_own_text: bool = strawberry.field(
        description="The asset's own prompt text or name matched the search."
    )

    @classmethod
    def listed(cls, asset: Asset, cursor: str) -> AssetEdge:
        """An edge of a list that was not searched."""
        return cls(
            cursor=cursor, node=AssetNode.of(asset), matched_prompts=[], matched_own_text=False
        )

    @classmethod
    def of(cls, hit: SearchHit, asked: Page) -> AssetEdge:
        node = AssetNode.of(hit.asset)
        node.prefetched = hit.nested
        return cls(
            cursor=asked.cursor(hit.key, hit.asset.id),
            node=node,
            matched_prompts=PromptNode.all(hit.matched_prompts),
            matched_own_text=hit.matched_own_text,
        )


@strawberry.type(description="A page of assets, after the cursor `after`, and the total matched.")
class AssetConnection:
    edges: list[AssetEdge]
    page_info: PageInfo
    known_total: strawberry.Private[int | None]
    query: strawberry.Private[CatalogQuery]

    @classmethod
    def of(
        cls, hits: list[SearchHit], asked: Page, total: int | None, query: CatalogQuery
    ) -> AssetConnection:
        edges, info = window([AssetEdge.of(hit, asked) for hit in hits], asked)
        return cls(edges=edges, page_info=info, known_total=total, query=query)

    @strawberry.field(
        description="How many assets match in all (counted by its own query, when asked for)."
    )
    async def total_count(self, info: Ctx) -> int:
        if self.known_total is not None:
            return self.known_total
        return await info.context.assets.count(self.query)


@strawberry.type(description="A changed asset, and whose orphan status changed because of it.")
class GenerationPayload:
    asset: AssetNode
    orphaned_ids: list[strawberry.ID] = strawberry.field(
        description="Ids of the assets this change orphaned (no asset is loaded for them)."
    )
    restored_ids: list[strawberry.ID] = strawberry.field(
        description="Ids of the assets that stopped being orphaned because of this change."
    )
    root_causes_changed_ids: list[strawberry.ID] = strawberry.field(
        description="Ids of the assets orphaned before and after, by other root causes."
    )

    @classmethod
    def of(cls, change: AssetChange) -> GenerationPayload:
        return cls(
            asset=AssetNode.of(change.asset),
            orphaned_ids=[strawberry.ID(i) for i in change.orphans.orphaned],
            restored_ids=[strawberry.ID(i) for i in change.orphans.restored],
            root_causes_changed_ids=[strawberry.ID(i) for i in change.orphans.changed],
        )

    @strawberry.field(description="Assets this change orphaned.")
    async def orphaned(self, info: Ctx) -> list[AssetNode]:
        return await _assets(info, self.orphaned_ids)

    @strawberry.field(description="Assets that stopped being orphaned because of this change.")
    async def restored(self, info: Ctx) -> list[AssetNode]:
        return await _assets(info, self.restored_ids)

    @strawberry.field(description="Assets orphaned before and after, by other root causes.")
    async def root_causes_changed(self, info: Ctx) -> list[AssetNode]:
        return await _assets(info, self.root_causes_changed_ids)


async def _assets(info: Ctx, ids: list[strawberry.ID]) -> list[AssetNode]:
    found = await info.context.loaders.asset.load_many([str(i) for i in ids])
    return [node for node in found if node is not None]


def to_generation(data: RecordGenerationInput) -> NewGeneration:
    try:
        return NewGeneration(
            **{
                k: v
                for k, v in vars(data).items()
                if k not in {"client_key", "frames", "params"} and v is not None
            },
            params=data.params or {},
            frames=[
                Frame(asset_id=str(f.asset_id), role=f.role, position=f.position)
                for f in data.frames or []
            ],
        )
    except ValidationError as exc:
        raise InvalidInputError(describe(exc)) from exc


def order_name(order: AssetOrder | None) -> str:
    """The order a cursor of the asset list is made for, e.g. assets:createdAt:desc."""
    order = order or AssetOrder()
    return f"assets:{order.field.value}:{order.direction.value}"


def catalog_query(where: AssetFilter | None, order: AssetOrder | None) -> CatalogQuery:
    where, order = where or AssetFilter(), order or AssetOrder()
    return CatalogQuery(
        **vars(where),  # the filter's fields are the query's
        order_by=order.field.value,
        descending=order.direction is SortDirection.DESC,
    )


@strawberry.type
class AssetQueries:
    @strawberry.field(description="One asset by id.")
    async def asset(self, info: Ctx, id: strawberry.ID) -> AssetNode:
        return AssetNode.of(await info.context.assets.get(str(id)))

    @strawberry.field(
        description=(
            "Search the catalog: filters combine, words in any script. Pages by keyset "
            "cursors: assets recorded or removed between two pages neither repeat nor go missing."
        )
    )
    async def assets(
        self,
        info: Ctx,
        filter: AssetFilter | None = None,
        order_by: AssetOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> AssetConnection:
        asked = page(order_name(order_by), first, after, info.context.settings)
        query = catalog_query(filter, order_by)
        nested = page_plan.plan(info.selected_fields)
        hits, total = await info.context.assets.list_page(asked, query, nested)
        shown = [replace(hit, nested=info.context.loaders.shown(hit.nested)) for hit in hits]
        return AssetConnection.of(shown, asked, total, query)


@strawberry.type
class AssetMutations:
    @strawberry.mutation(description="Record one generation attempt and everything it came from.")
    async def record_generation(self, info: Ctx, input: RecordGenerationInput) -> GenerationPayload:
        change = await info.context.assets.record(to_generation(input), input.client_key)
        return GenerationPayload.of(change)

    @strawberry.mutation(description="A generating attempt finished: it becomes ready and current.")
    async def complete_generation(
        self, info: Ctx, input: CompleteGenerationInput
    ) -> GenerationPayload:
        completion = Completion(
            completed_at=input.completed_at,
            filename=input.filename,
            url=input.url,
            estimated_cost=input.estimated_cost,
            generation_time_ms=input.generation_time_ms,
        )
        change = await info.context.assets.complete(str(input.id), completion)
        return GenerationPayload.of(change)

    @strawberry.mutation(description="A generating attempt failed.")
    async def fail_generation(self, info: Ctx, id: strawberry.ID, error: str) -> GenerationPayload:
        return GenerationPayload.of(await info.context.assets.fail(str(id), error))

    @strawberry.mutation(
        description="Make an older ready attempt its slot's current version again."
    )
    async def revert_to(self, info: Ctx, asset_id: strawberry.ID) -> GenerationPayload:
        return GenerationPayload.of(await info.context.assets.revert_to(str(asset_id)))

    @strawberry.mutation(description="Archive an attempt (its file and history are kept).")
    async def archive_asset(self, info: Ctx, id: strawberry.ID) -> GenerationPayload:
        return GenerationPayload.of(await info.context.assets.archive(str(id)))
