"""GraphQL queries of the catalog: one asset, search and pages (recording generations is
`lineage.generations.gql`)."""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

import strawberry

from lineage.api.info import Ctx
from lineage.api.relay import PageInfo, window
from lineage.api.scalars import DateTime
from lineage.assets import page_plan
from lineage.assets.models import Asset, CatalogQuery, SearchHit
from lineage.assets.nodes import AssetNode, AssetStatus, AssetType
from lineage.paging import Page, page
from lineage.prompts.nodes import PromptNode


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
        counted = page_plan.selects(info.selected_fields, "totalCount")
        hits, total = await info.context.assets.list_page(asked, query, nested, counted)
        shown = [replace(hit, nested=info.context.loaders.shown(hit.nested)) for hit in hits]
        return AssetConnection.of(shown, asked, total, query)
