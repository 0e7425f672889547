"""GraphQL for orphans: a project's orphans, impact dry runs, and pins."""

from __future__ import annotations

import strawberry

from lineage.api.info import Ctx
from lineage.api.relay import window
from lineage.api.scalars import Money, deprecated_float_of, money_field, money_of
from lineage.assets.gql import AssetConnection, AssetEdge
from lineage.assets.models import CatalogQuery
from lineage.assets.nodes import AssetNode
from lineage.money import float_of
from lineage.orphans import impact, service
from lineage.orphans.gql_status import OrphanStatusNode
from lineage.orphans.models import AssetChange
from lineage.paging import page

ImpactAction = strawberry.enum(impact.ImpactAction, description="The change to simulate.")


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


@strawberry.type
class RootCauseGroup:
    root_cause: strawberry.ID
    count: int = strawberry.field(description="Orphans it started.")
    cost_micros: strawberry.Private[int]
    estimated_cost: float = deprecated_float_of("cost_micros", "estimatedCost")
    estimated_cost_money: Money = money_of("cost_micros", "What redoing them would cost.")

    @strawberry.field(description="The root cause when it is an asset (null for a prompt).")
    async def asset(self, info: Ctx) -> AssetNode | None:
        return await info.context.loaders.asset.load(str(self.root_cause))


@strawberry.type
class OrphanConnection(AssetConnection):
    """A page of a project's orphans, newest first, with totals and groups by root cause."""

    project_code: strawberry.Private[str]
    root_cause: strawberry.Private[str | None]

    @strawberry.field(deprecation_reason=money_field("estimatedCost"))
    async def estimated_cost(self, info: Ctx) -> float:
        return float_of(await info.context.orphans.cost_micros(self.project_code, self.root_cause))

    @strawberry.field(description="Cost to redo every orphan listed.")
    async def estimated_cost_money(self, info: Ctx) -> Money:
        cost = await info.context.orphans.cost_micros(self.project_code, self.root_cause)
        return Money.of_micros(cost)

    @strawberry.field(description="Every orphan of the project grouped by root cause.")
    async def by_root_cause(self, info: Ctx) -> list[RootCauseGroup]:
        groups = await info.context.orphans.by_root_cause(self.project_code)
        return [
            RootCauseGroup(
                root_cause=strawberry.ID(g.root_cause),
                count=g.count,
                cost_micros=g.estimated_cost_micros,
            )
            for g in groups
        ]


@strawberry.type
class ImpactedAsset:
    asset: AssetNode
    depth: int = strawberry.field(description="Steps from the changed asset.")
    already_orphaned: bool = strawberry.field(description="Orphaned before, for other reasons.")
    status: OrphanStatusNode = strawberry.field(description="Its orphan status after the change.")


@strawberry.type(description="What an action would orphan and free; nothing is written.")
class Impact:
    action: ImpactAction  # type: ignore[valid-type]
    asset: AssetNode
    orphaned: list[ImpactedAsset]
    restored_ids: strawberry.Private[list[str]]
    cost_micros: strawberry.Private[int]
    estimated_cost: float = deprecated_float_of("cost_micros", "estimatedCost")
    estimated_cost_money: Money = money_of("cost_micros", "Cost to redo everything orphaned.")

    @strawberry.field(description="Orphans the action would make whole again.")
    async def restored(self, info: Ctx) -> list[AssetNode]:
        found = await info.context.loaders.asset.load_many(self.restored_ids)
        return [node for node in found if node is not None]


def impact_of(found: service.Impact) -> Impact:
    return Impact(
        action=found.action,
        asset=AssetNode.of(found.asset),
        orphaned=[
            ImpactedAsset(
                asset=AssetNode.of(i.asset),
                depth=i.depth,
                already_orphaned=i.already_orphaned,
                status=OrphanStatusNode.of(i.status, i.asset.pinned_inputs),
            )
            for i in found.orphaned
        ],
        restored_ids=found.restored,
        cost_micros=found.estimated_cost_micros,
    )


@strawberry.type
class OrphanQueries:
    @strawberry.field(description="A project's orphaned assets, newest first.")
    async def orphans(
        self,
        info: Ctx,
        project_code: str,
        root_cause: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> OrphanConnection:
        cause = None if root_cause is None else str(root_cause)
        asked = page(service.ORPHANS_ORDER, first, after, info.context.settings)
        found = await info.context.orphans.page(project_code, cause, asked)
        if found.total_count == 0:  # an unknown project is NOT_FOUND, as in costSummary
            await info.context.projects.get(project_code)
        edges, where = window(
            [AssetEdge.listed(a, asked.cursor(a.created_at, a.id)) for a in found.assets], asked
        )
        return OrphanConnection(
            edges=edges,
            page_info=where,
            known_total=found.total_count,
            query=CatalogQuery(),
            project_code=project_code,
            root_cause=cause,
        )

    @strawberry.field(
        description="Dry run: what regenerating, archiving or reverting to an asset would orphan."
    )
    async def impact(self, info: Ctx, asset_id: strawberry.ID, action: ImpactAction) -> Impact:  # type: ignore[valid-type]
        return impact_of(await info.context.orphans.impact(str(asset_id), action))


@strawberry.type
class OrphanMutations:
    @strawberry.mutation(description="Accept an input as it is: it no longer orphans the asset.")
    async def pin_input(
        self, info: Ctx, asset_id: strawberry.ID, input_id: strawberry.ID
    ) -> GenerationPayload:
        change = await info.context.orphans.pin(str(asset_id), str(input_id), pinned=True)
        return GenerationPayload.of(change)

    @strawberry.mutation(description="Undo pinInput: the input orphans the asset again if stale.")
    async def unpin_input(
        self, info: Ctx, asset_id: strawberry.ID, input_id: strawberry.ID
    ) -> GenerationPayload:
        change = await info.context.orphans.pin(str(asset_id), str(input_id), pinned=False)
        return GenerationPayload.of(change)
