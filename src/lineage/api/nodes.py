"""The graph's node types as GraphQL sees them; relations resolve through DataLoaders."""

from __future__ import annotations

from typing import Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from lineage.api.context import Context
from lineage.api.scalars import DateTime, Money, money_field
from lineage.assets import models as am
from lineage.auth.gql import caller_of
from lineage.auth.models import UNRESTRICTED
from lineage.money import float_of, to_micros
from lineage.orphans.gql_status import OrphanStatusNode
from lineage.orphans.rules import NOT_ORPHANED
from lineage.projects.models import Project
from lineage.prompts import models as pm
from lineage.workflows import models as wm

AssetType = strawberry.enum(am.AssetType)
AssetStatus = strawberry.enum(am.AssetStatus)
FrameRole = strawberry.enum(am.FrameRole)
PromptKind = strawberry.enum(pm.PromptKind)
WorkflowStatus = strawberry.enum(wm.WorkflowStatus)
Ctx = Info[Context, None]


@strawberry.type(name="Project")
class ProjectNode:
    code: str
    title: str | None
    flihub_chapter_id: str | None
    flihub_segment_ids: list[str]
    created_at: DateTime
    updated_at: DateTime
    archived: bool = strawberry.field(
        description="Archived (read-only): exported to the archive; restoreProject brings it back."
    )
    archived_at: DateTime | None = strawberry.field(description="When it was archived.")

    @classmethod
    def of(cls, project: Project) -> ProjectNode:
        return cls(**project.model_dump())


@strawberry.type(name="WorkflowRun")
class WorkflowNode:
    id: strawberry.ID
    engine: str
    workflow_id: str | None
    execution_id: str | None
    status: WorkflowStatus  # type: ignore[valid-type]
    started_at: DateTime
    finished_at: DateTime | None
    error: str | None
    project_code: str | None

    @classmethod
    def of(cls, run: wm.WorkflowRun | None) -> WorkflowNode | None:
        return None if run is None else cls(**run.model_dump())


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
    def of(cls, prompt: pm.Prompt | None) -> PromptNode | None:
        return None if prompt is None else cls(**prompt.model_dump())

    @strawberry.field(description="The human prompt a machine prompt was refined from.")
    async def refined_from(self, info: Ctx) -> PromptNode | None:
        return PromptNode.of(await info.context.loaders.refined_from.load(str(self.id)))

    @strawberry.field(description="Assets generated from this prompt.")
    async def used_by(self, info: Ctx) -> list[AssetNode]:
        return AssetNode.all(await info.context.loaders.used_by.load(str(self.id)))

    @strawberry.field
    async def workflow(self, info: Ctx) -> WorkflowNode | None:
        return WorkflowNode.of(await info.context.loaders.workflow_of.load(str(self.id)))


@strawberry.type(name="Frame")
class FrameNode:
    role: FrameRole  # type: ignore[valid-type]
    position: int
    asset: AssetNode


# Asset properties that are not fields of the node as they are.
NOT_ON_THE_NODE = {
    "params_json",
    "current_since",
    "media_width",
    "media_height",
    "media_duration_seconds",
}


@strawberry.type(
    name="MediaFacts",
    description=(
        "What was read from the stored file's bytes when it was stored (never from the "
        "tool's params): pixel size and duration, when the format tells them."
    ),
)
class MediaFactsNode:
    width: int | None
    height: int | None
    duration_seconds: float | None

    @classmethod
    def of(cls, asset: am.Asset) -> MediaFactsNode | None:
        if asset.file_sha256 is None:
            return None
        return cls(
            width=asset.media_width,
            height=asset.media_height,
            duration_seconds=asset.media_duration_seconds,
        )


@strawberry.type(name="Asset")
class AssetNode:
    id: strawberry.ID
    type: AssetType  # type: ignore[valid-type]
    slot: str
    version: int
    is_current: bool
    provider: str
    model: str
    status: AssetStatus  # type: ignore[valid-type]
    name: str | None
    prompt: str | None
    filename: str | None
    url: str | None
    error: str | None
    created_at: DateTime
    completed_at: DateTime | None
    estimated_cost: float | None = strawberry.field(deprecation_reason=money_field("estimatedCost"))
    generation_time_ms: int | None
    project_code: str | None
    file_ref: str | None
    file_sha256: str | None
    file_size_bytes: int | None
    media_type: str | None
    file_missing: bool
    file_problem: str | None
    metadata_missing: bool
    orphaned: bool
    media: MediaFactsNode | None = strawberry.field(
        description="Facts probed from the stored file (null when it has no file)."
    )
    pinned_inputs: strawberry.Private[list[str]]
    slot_key: strawberry.Private[str]
    source: strawberry.Private[am.Asset]

    @classmethod
    def of(cls, asset: am.Asset) -> AssetNode:
        fields: dict[str, Any] = asset.model_dump(exclude=NOT_ON_THE_NODE)
        return cls(**fields, media=MediaFactsNode.of(asset), source=asset)

    @strawberry.field(
        description="Every generation parameter, exactly as the tool sent it (JSON object)."
    )
    def params(self) -> JSON:
        return cast(JSON, self.source.params)  # parsed only when asked for

    @classmethod
    def maybe(cls, asset: am.Asset | None) -> AssetNode | None:
        return None if asset is None else cls.of(asset)

    @classmethod
    def all(cls, assets: list[am.Asset]) -> list[AssetNode]:
        return [cls.of(a) for a in assets]

    @strawberry.field(
        description=(
            "The file's absolute URL, signed: GET and HEAD open it without an API key until "
            "it expires (for <img src> and <video src>); null when the asset has no file."
        )
    )
    def signed_url(
        self,
        info: Ctx,
        expires_in: Annotated[
            int, strawberry.argument(description="Seconds it lasts (at most the set maximum).")
        ] = 3600,
    ) -> str | None:
        if self.file_ref is None:
            return None
        caller = caller_of(info.context)
        key_id = caller.key_id if caller else UNRESTRICTED.key_id
        signed = info.context.media_urls.sign(self.file_ref, expires_in, key_id)
        return info.context.absolute_url(signed)

    @strawberry.field(description="The prompts this asset was generated from.")
    async def prompts(self, info: Ctx) -> list[PromptNode]:
        found = await info.context.loaders.prompts_of.load(str(self.id))
        return [PromptNode(**p.model_dump()) for p in found]

    @strawberry.field(description="Source assets (an edited image, a thumbnail's frame...).")
    async def sources(self, info: Ctx) -> list[AssetNode]:
        return AssetNode.all(await info.context.loaders.sources_of.load(str(self.id)))

    @strawberry.field(description="A video's frames, start then end.")
    async def frames(self, info: Ctx) -> list[FrameNode]:
        found = await info.context.loaders.frames_of.load(str(self.id))
        return [
            FrameNode(role=am.FrameRole(r), position=p, asset=AssetNode.of(a)) for r, p, a in found
        ]

    @strawberry.field(description="Assets built from this one (downstream, one step).")
    async def used_by(self, info: Ctx) -> list[AssetNode]:
        return AssetNode.all(await info.context.loaders.used_by.load(str(self.id)))

    @strawberry.field
    async def workflow(self, info: Ctx) -> WorkflowNode | None:
        return WorkflowNode.of(await info.context.loaders.workflow_of.load(str(self.id)))

    @strawberry.field
    async def project(self, info: Ctx) -> ProjectNode | None:
        if self.project_code is None:
            return None
        found = await info.context.loaders.project.load(self.project_code)
        return None if found is None else ProjectNode.of(found)

    @strawberry.field(description="Every attempt of this asset's slot, oldest first.")
    async def versions(self, info: Ctx) -> list[AssetNode]:
        return AssetNode.all(await info.context.loaders.versions_of.load(self.slot_key))

    @strawberry.field(description="The attempt this one regenerated.")
    async def previous_version(self, info: Ctx) -> AssetNode | None:
        versions = await info.context.loaders.versions_of.load(self.slot_key)
        older = [a for a in versions if a.version < self.version]
        return AssetNode.of(older[-1]) if older else None

    @strawberry.field(description="The slot's current version (null when none is ready).")
    async def current_version(self, info: Ctx) -> AssetNode | None:
        versions = await info.context.loaders.versions_of.load(self.slot_key)
        return next((AssetNode.of(a) for a in versions if a.is_current), None)

    @strawberry.field(description="Whether it fell out of date or broke, why, and since where.")
    async def orphan_status(self, info: Ctx) -> OrphanStatusNode:
        status = NOT_ORPHANED
        if self.orphaned:  # the reasons are derived from the graph, for orphans only
            status = await info.context.loaders.orphan_status.load(str(self.id))
        return OrphanStatusNode.of(status, self.pinned_inputs)

    @strawberry.field(description="What this attempt cost (null when none was recorded).")
    def estimated_cost_money(self) -> Money | None:
        cost = self.source.estimated_cost
        return None if cost is None else Money.of_micros(to_micros(cost))

    @strawberry.field(deprecation_reason=money_field("lineageCost"))
    async def lineage_cost(self, info: Ctx) -> float:
        return float_of(await info.context.loaders.lineage_cost.load(str(self.id)))

    @strawberry.field(description="Its own attempts' cost plus everything upstream of it.")
    async def lineage_cost_money(self, info: Ctx) -> Money:
        return Money.of_micros(await info.context.loaders.lineage_cost.load(str(self.id)))
