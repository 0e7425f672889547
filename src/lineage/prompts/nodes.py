"""The Prompt node as GraphQL shows it; its relations resolve through the request's loaders.

Assets and workflow runs are built from prompts, so their packages sit above this one:
the node names them lazily (strawberry resolves the type when the schema is built, and
the type checker alone imports it), and the loaders hand back their nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from lineage.api.info import Ctx
from lineage.api.scalars import DateTime
from lineage.prompts import models as pm

if TYPE_CHECKING:
    from lineage.assets.nodes import AssetNode
    from lineage.workflows.nodes import WorkflowNode

PromptKind = strawberry.enum(pm.PromptKind)
LazyAsset = Annotated["AssetNode", strawberry.lazy("lineage.assets.nodes")]
LazyWorkflow = Annotated["WorkflowNode", strawberry.lazy("lineage.workflows.nodes")]


@strawberry.type(name="Prompt")
class PromptNode:
    id: strawberry.ID
    kind: PromptKind  # type: ignore[valid-type]
    text: str
    role: str
    created_at: DateTime
    project_code: str | None
    refined_by_model: str | None
    revised_at: DateTime | None

    @classmethod
    def of(cls, prompt: pm.Prompt) -> PromptNode:
        return cls(**prompt.model_dump())

    @classmethod
    def all(cls, prompts: list[pm.Prompt]) -> list[PromptNode]:
        return [cls.of(p) for p in prompts]

    @strawberry.field(description="The human prompt a machine prompt was refined from.")
    async def refined_from(self, info: Ctx) -> PromptNode | None:
        return await info.context.loaders.refined_from.load(str(self.id))

    @strawberry.field(description="The prompt this one revises (its older version).")
    async def revises(self, info: Ctx) -> PromptNode | None:
        return await info.context.loaders.revised_from.load(str(self.id))

    @strawberry.field(
        description=(
            "Every version of this prompt, oldest first, itself included: the prompts it "
            "revises and those revising it, however many steps away (`revises` names "
            "each one's older version; `revisedAt` is set on those revised)."
        )
    )
    async def revisions(self, info: Ctx) -> list[PromptNode]:
        return await info.context.loaders.revisions_of.load(str(self.id))

    @strawberry.field(description="Assets generated from this prompt.")
    async def used_by(self, info: Ctx) -> list[LazyAsset]:
        return await info.context.loaders.used_by.load(str(self.id))

    @strawberry.field
    async def workflow(self, info: Ctx) -> LazyWorkflow | None:
        return await info.context.loaders.workflow_of.load(str(self.id))
