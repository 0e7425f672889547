"""GraphQL: `lineage` (a subgraph ready to draw) and `costSummary`."""

from __future__ import annotations

from enum import Enum
from typing import cast

import strawberry
from strawberry.scalars import JSON

from lineage.api.nodes import Ctx
from lineage.graph.walk import Direction, check_depth, walk

LineageDirection = strawberry.enum(Direction, name="LineageDirection")
KINDS = ("Asset", "HumanPrompt", "MachinePrompt", "Prompt", "Workflow", "Project")


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
    root_id: strawberry.ID
    nodes: list[LineageNode]
    edges: list[LineageEdge]
    truncated: bool = strawberry.field(description="True when the depth limit cut off more nodes.")


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


def _kind(labels: list[str]) -> str:
    return next((k for k in KINDS if k in labels), labels[0] if labels else "Node")


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
        graph = await walk(info.context.store, str(id), direction, depth)
        nodes = sorted(graph.nodes.values(), key=lambda n: (n.distance, n.id))
        return LineageResult(
            root_id=strawberry.ID(graph.root_id),
            nodes=[
                LineageNode(
                    id=strawberry.ID(n.id),
                    kind=_kind(n.labels),
                    labels=n.labels,
                    distance=n.distance,
                    properties=cast(JSON, n.properties),
                )
                for n in nodes
            ],
            edges=[
                LineageEdge(
                    from_id=strawberry.ID(f),
                    to_id=strawberry.ID(t),
                    type=ty,
                    properties=cast(JSON, p),
                )
                for (f, t, ty), p in sorted(graph.edges.items())
            ],
            truncated=graph.truncated,
        )

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
