"""The Asset node as GraphQL shows it; its relations resolve through the request's loaders.

Workflow runs record assets, so their package sits above this one: the node names
the run's type lazily (strawberry resolves it when the schema is built, the type
checker alone imports it), and the loaders hand back nodes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, cast

import strawberry
from strawberry.scalars import JSON

from lineage import models
from lineage.api.info import Ctx
from lineage.api.scalars import DateTime, Money, money_field
from lineage.assets import models as am
from lineage.assets.prefetch import NOT_READ, nested, prefetched
from lineage.auth.gql import caller_of
from lineage.auth.models import UNRESTRICTED
from lineage.files.derived import Original
from lineage.files.gql import PreviewNode, PreviewSize, check_points
from lineage.money import float_of, to_micros
from lineage.projects.nodes import ProjectNode
from lineage.prompts.nodes import PromptNode

if TYPE_CHECKING:
    from lineage.orphans.gql_status import OrphanStatusNode
    from lineage.workflows.nodes import WorkflowNode

AssetType = strawberry.enum(models.AssetType)
AssetStatus = strawberry.enum(am.AssetStatus)
FrameRole = strawberry.enum(am.FrameRole)
SIGNED_URL_SECONDS = 3600
LazyWorkflow = Annotated["WorkflowNode", strawberry.lazy("lineage.workflows.nodes")]
# Orphan state is a higher layer's (lineage.orphans): named lazily, made by the loaders.
LazyOrphanStatus = Annotated["OrphanStatusNode", strawberry.lazy("lineage.orphans.gql_status")]


@strawberry.type(name="Frame")
class FrameNode:
    role: FrameRole  # type: ignore[valid-type]
    position: int
    asset: AssetNode

    @classmethod
    def all(cls, frames: list[am.UsedFrame]) -> list[FrameNode]:
        return [cls(role=f.role, position=f.position, asset=AssetNode.of(f.asset)) for f in frames]


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
    prefetched: strawberry.Private[dict[str, Any] | None] = None

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
        ] = SIGNED_URL_SECONDS,
    ) -> str | None:
        if self.file_ref is None:
            return None
        return signed_url(info.context, self.file_ref, expires_in)

    @strawberry.field(
        description=(
            "A small WebP of the file (a downscaled image, a video's poster frame), made once "
            "per file content; null when the asset has no file, the file is not an image or "
            "a video (audio has `waveform`), or it cannot be read (missing, corrupt, more "
            "pixels than LINEAGE_MAX_IMAGE_PIXELS: the reason is in the service's log)."
        )
    )
    async def preview(
        self,
        info: Ctx,
        size: PreviewSize = PreviewSize.GRID,  # type: ignore[valid-type]
    ) -> PreviewNode | None:
        original = _original(self.source)
        if original is None:
            return None
        derived = await info.context.derivatives.preview(original, size)
        if derived is None:
            return None
        return PreviewNode.of(derived, signed_url(info.context, derived.ref, SIGNED_URL_SECONDS))

    @strawberry.field(
        description=(
            "Peak amplitudes of a sound, 0 (silence) to 1 (full scale): one for each of "
            "`points` (8 to 512) equal spans from start to end, computed once per file "
            "content; null when the asset has no file, is not audio, or its file cannot be "
            "decoded."
        )
    )
    async def waveform(self, info: Ctx, points: int = 96) -> list[float] | None:
        check_points(points)
        original = _original(self.source)
        if original is None:
            return None
        return await info.context.derivatives.waveform(original, points)

    @strawberry.field(description="The prompts this asset was generated from.")
    async def prompts(self, info: Ctx) -> list[PromptNode]:
        return await nested(self, "prompts", info.context.loaders.prompts_of, str(self.id))

    @strawberry.field(description="Source assets (an edited image, a thumbnail's frame...).")
    async def sources(self, info: Ctx) -> list[AssetNode]:
        return await nested(self, "sources", info.context.loaders.sources_of, str(self.id))

    @strawberry.field(description="A video's frames, start then end.")
    async def frames(self, info: Ctx) -> list[FrameNode]:
        return await nested(self, "frames", info.context.loaders.frames_of, str(self.id))

    @strawberry.field(description="Assets built from this one (downstream, one step).")
    async def used_by(self, info: Ctx) -> list[AssetNode]:
        return await nested(self, "usedBy", info.context.loaders.used_by, str(self.id))

    @strawberry.field
    async def workflow(self, info: Ctx) -> LazyWorkflow | None:
        return await nested(self, "workflow", info.context.loaders.workflow_of, str(self.id))

    @strawberry.field
    async def project(self, info: Ctx) -> ProjectNode | None:
        if self.project_code is None:
            return None
        return await nested(self, "project", info.context.loaders.project, self.project_code)

    @strawberry.field(description="Every attempt of this asset's slot, oldest first.")
    async def versions(self, info: Ctx) -> list[AssetNode]:
        return await nested(self, "versions", info.context.loaders.versions_of, self.slot_key)

    @strawberry.field(description="The attempt this one regenerated.")
    async def previous_version(self, info: Ctx) -> AssetNode | None:
        if (read := prefetched(self, "previousVersion")) is not NOT_READ:
            return cast(AssetNode | None, read)
        versions = await info.context.loaders.versions_of.load(self.slot_key)
        older = [a for a in versions if a.version < self.version]
        return older[-1] if older else None

    @strawberry.field(description="The slot's current version (null when none is ready).")
    async def current_version(self, info: Ctx) -> AssetNode | None:
        if (read := prefetched(self, "currentVersion")) is not NOT_READ:
            return cast(AssetNode | None, read)
        versions = await info.context.loaders.versions_of.load(self.slot_key)
        return next((a for a in versions if a.is_current), None)

    @strawberry.field(description="Whether it fell out of date or broke, why, and since where.")
    async def orphan_status(self, info: Ctx) -> LazyOrphanStatus:
        return await info.context.loaders.orphan_status_of(
            str(self.id), self.orphaned, self.pinned_inputs
        )

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


def signed_url(context: Any, ref: str, expires_in: int) -> str:
    """The absolute signed URL of `/files/<ref>` for the caller's key (a request's context)."""
    caller = caller_of(context)
    key_id = caller.key_id if caller else UNRESTRICTED.key_id
    return str(context.absolute_url(context.media_urls.sign(ref, expires_in, key_id)))


def _original(asset: am.Asset) -> Original | None:
    return original_of(asset.file_ref, asset.file_sha256, asset.media_type)


def original_of(ref: str | None, sha256: str | None, media_type: str | None) -> Original | None:
    """The stored file previews are made from; None when the asset has none."""
    if ref is None or sha256 is None or media_type is None:
        return None
    return Original(ref, sha256, media_type)
