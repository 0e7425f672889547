"""GraphQL: `lineage` (a subgraph ready to draw) and `costSummary`."""

from __future__ import annotations

from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from lineage.api.info import Ctx
from lineage.api.scalars import Money, deprecated_float_of, money_of
from lineage.assets import models as am
from lineage.assets.nodes import AssetNode
from lineage.graph.drawing import graphql_spelling
from lineage.graph.walk import Direction
from lineage.models import AssetType

LineageDirection = strawberry.enum(Direction, name="LineageDirection")
GRAPH_DESCRIPTION = (
    "The whole subgraph as one JSON value, ready to draw: {rootId, truncated, nodes: [{id, "
    "kind, labels, distance, properties}], edges: [{fromId, toId, type, properties}]}, in the "
    "order and with the names and values of `nodes` and `edges` (enum values spelled as in "
    "this schema: ASSET, VIDEO, START). Its JSON Schema is docs/lineage-graph.schema.json "
    "and its TypeScript type `LineageGraph` (clients/typescript). Much faster than the typed "
    "fields on large subgraphs (no per-node field resolution): use it to draw a lineage."
)
PROPERTIES_DESCRIPTION = (
    "Its stored properties but the internal ones; enum values spelled as in this schema."
)


@strawberry.enum(description="What a lineage node is, by its labels.")
class LineageNodeKind(Enum):
    ASSET = "ASSET"
    HUMAN_PROMPT = "HUMAN_PROMPT"
    MACHINE_PROMPT = "MACHINE_PROMPT"
    PROMPT = "PROMPT"
    WORKFLOW = "WORKFLOW"
    OTHER = "OTHER"


@strawberry.enum(description="A lineage relationship: what was built from what.")
class LineageEdgeType(Enum):
    GENERATED_FROM = "GENERATED_FROM"
    USES_FRAME = "USES_FRAME"
    REGENERATES = "REGENERATES"


@strawberry.type
class LineageNode:
    id: strawberry.ID
    kind: LineageNodeKind
    labels: list[str]
    distance: int = strawberry.field(description="Steps from the root (0 for the root).")
    properties: JSON = strawberry.field(description=PROPERTIES_DESCRIPTION)

    @strawberry.field(
        description="The asset this node is, with every Asset field (null for a prompt or "
        "run): loaded for all the nodes in one batch, for previews and orphan state."
    )
    async def asset(self, info: Ctx) -> AssetNode | None:
        if self.kind is not LineageNodeKind.ASSET:
            return None
        return await info.context.loaders.asset.load(str(self.id))


@strawberry.type
class LineageEdge:
    from_id: strawberry.ID
    to_id: strawberry.ID
    type: LineageEdgeType
    properties: JSON = strawberry.field(description=PROPERTIES_DESCRIPTION)


@strawberry.type
class LineageResult:
    drawn: strawberry.Private[dict[str, Any]]

    @strawberry.field
    def root_id(self) -> strawberry.ID:
        return strawberry.ID(self.drawn["rootId"])

    @strawberry.field(description="The nodes, typed (pick fields; `graph` is faster for drawing).")
    def nodes(self) -> list[LineageNode]:
        return [
            LineageNode(
                id=n["id"],
                kind=LineageNodeKind(n["kind"]),
                labels=n["labels"],
                distance=n["distance"],
                properties=n["properties"],
            )
            for n in self.drawn["nodes"]
        ]

    @strawberry.field(description="The edges, typed (pick fields; `graph` is faster for drawing).")
    def edges(self) -> list[LineageEdge]:
        return [
            LineageEdge(
                from_id=e["fromId"],
                to_id=e["toId"],
                type=LineageEdgeType(e["type"]),
                properties=e["properties"],
            )
            for e in self.drawn["edges"]
        ]

    @strawberry.field(description="True when the depth limit cut off more nodes.")
    def truncated(self) -> bool:
        return bool(self.drawn["truncated"])

    @strawberry.field(description=GRAPH_DESCRIPTION)
    def graph(self) -> JSON:
        return cast(JSON, self.drawn)


@strawberry.enum
class CostGroupBy(Enum):
    PROVIDER = "provider"
    MODEL = "model"
    TYPE = "type"
    DAY = "day"


@strawberry.type
class CostGroup:
    key: str | None = strawberry.field(
        description="The provider, model, type (as AssetType spells it: VIDEO) or day (2026-12-06)."
    )
    attempts: int
    ready_attempts: int
    failed_attempts: int
    cost_micros: strawberry.Private[int]
    failed_cost_micros: strawberry.Private[int]
    cost: float = deprecated_float_of("cost_micros", "cost")
    cost_money: Money = money_of("cost_micros", "What its attempts cost.")
    failed_cost: float = deprecated_float_of("failed_cost_micros", "failedCost")
    failed_cost_money: Money = money_of("failed_cost_micros", "Spent on attempts that failed.")

    @classmethod
    def of(cls, group: am.CostGroup, by_type: bool) -> CostGroup:
        return cls(
            key=graphql_spelling(AssetType, group.key) if by_type else group.key,
            attempts=group.attempts,
            ready_attempts=group.ready_attempts,
            failed_attempts=group.failed_attempts,
            cost_micros=group.cost_micros,
            failed_cost_micros=group.failed_cost_micros,
        )


@strawberry.type
class CostSummary:
    project_code: str
    groups: list[CostGroup]
    total_micros: strawberry.Private[int]
    total_cost: float = deprecated_float_of("total_micros", "totalCost")
    total_cost_money: Money = money_of("total_micros", "What every attempt of the project cost.")


@strawberry.type
class GraphQueries:
    @strawberry.field(description="The lineage subgraph around an asset, prompt or workflow run.")
    async def lineage(
        self,
        info: Ctx,
        id: strawberry.ID,
        direction: LineageDirection = Direction.BOTH,  # type: ignore[valid-type]
        depth: int = 3,
    ) -> LineageResult:
        drawn = await info.context.lineage.draw(str(id), direction, depth)
        return LineageResult(drawn=drawn)

    @strawberry.field(description="What a project's generations cost, grouped.")
    async def cost_summary(
        self, info: Ctx, project_code: str, group_by: CostGroupBy
    ) -> CostSummary:
        await info.context.projects.get(project_code)
        found = await info.context.assets.summarize_costs(project_code, group_by.value)
        groups = [CostGroup.of(g, by_type=group_by is CostGroupBy.TYPE) for g in found]
        total = sum(g.cost_micros for g in groups)
        return CostSummary(project_code=project_code, groups=groups, total_micros=total)
