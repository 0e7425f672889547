"""GraphQL: `lineage` (a subgraph ready to draw) and `costSummary`."""

from __future__ import annotations

from enum import Enum
from typing import Any, cast

import strawberry
from strawberry.scalars import JSON

from lineage.api.nodes import Ctx
from lineage.graph.drawing import draw_lineage
from lineage.graph.walk import Direction, check_depth

LineageDirection = strawberry.enum(Direction, name="LineageDirection")
GRAPH_DESCRIPTION = (
    "The whole subgraph as one JSON value, ready to draw: {rootId, truncated, nodes: [{id, "
    "kind, labels, distance, properties}], edges: [{fromId, toId, type, properties}]}, in the "
    "order and with the names of `nodes` and `edges`. Much faster than the typed fields on "
    "large subgraphs (no per-node field resolution): use it to draw a lineage."
)


@strawberry.type
class LineageNode:
    id: strawberry.ID
    kind: str = strawberry.field(description="Asset, HumanPrompt, MachinePrompt or Workflow.")
    labels: list[str]
    distance: int = strawberry.field(description="Steps from the root (0 for the root).")
    properties: JSON


@strawberry.type
class LineageEdge:
    from_id: strawberry.ID
    to_id: strawberry.ID
    type: str = strawberry.field(description="GENERATED_FROM, USES_FRAME or REGENERATES.")
    properties: JSON


@strawberry.type
class LineageResult:
    drawn: strawberry.Private[dict[str, Any]]

    @strawberry.field
    def root_id(self) -> strawberry.ID:
        return strawberry.ID(self.drawn["rootId"])

    @strawberry.field(description="The nodes, typed (pick fields; `graph` is faster for drawing).")
    def nodes(self) -> list[LineageNode]:
        return [LineageNode(**n) for n in self.drawn["nodes"]]

    @strawberry.field(description="The edges, typed (pick fields; `graph` is faster for drawing).")
    def edges(self) -> list[LineageEdge]:
        return [
            LineageEdge(
                from_id=e["fromId"], to_id=e["toId"], type=e["type"], properties=e["properties"]
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
    key: str | None
    attempts: int
    ready_attempts: int
    failed_attempts: int
    cost: float
    failed_cost: float = strawberry.field(description="Spent on attempts that failed.")


@strawberry.type
class CostSummary:
    project_code: str
    total_cost: float
    groups: list[CostGroup]


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
        check_depth(depth, info.context.settings.max_lineage_depth)
        drawn = await draw_lineage(info.context.store, str(id), direction, depth)
        return LineageResult(drawn=drawn)

    @strawberry.field(description="What a project's generations cost, grouped.")
    async def cost_summary(
        self, info: Ctx, project_code: str, group_by: CostGroupBy
    ) -> CostSummary:
        await info.context.projects.get(project_code)
        rows = await info.context.store.read(
            "assets/summarize_costs", projectCode=project_code, groupBy=group_by.value
        )
        groups = [
            CostGroup(
                key=r["key"],
                attempts=r["attempts"],
                ready_attempts=r["readyAttempts"],
                failed_attempts=r["failedAttempts"],
                cost=r["cost"],
                failed_cost=r["failedCost"],
            )
            for r in rows
        ]
        return CostSummary(
            project_code=project_code, total_cost=sum(g.cost for g in groups), groups=groups
        )
