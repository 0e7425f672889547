"""GraphQL mutations that record generation attempts and change their status; each
answers with the asset and whose orphan status changed (`GenerationPayload`)."""

from __future__ import annotations

import strawberry
from pydantic import ValidationError
from strawberry.scalars import JSON

from lineage.api.info import Ctx
from lineage.api.scalars import DateTime
from lineage.assets.models import Completion, Frame, NewGeneration
from lineage.assets.nodes import AssetStatus, AssetType, FrameRole
from lineage.errors import InvalidInputError
from lineage.orphans.gql import GenerationPayload
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


@strawberry.type
class GenerationMutations:
    @strawberry.mutation(description="Record one generation attempt and everything it came from.")
    async def record_generation(self, info: Ctx, input: RecordGenerationInput) -> GenerationPayload:
        change = await info.context.generations.record(to_generation(input), input.client_key)
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
        change = await info.context.generations.complete(str(input.id), completion)
        return GenerationPayload.of(change)

    @strawberry.mutation(description="A generating attempt failed.")
    async def fail_generation(self, info: Ctx, id: strawberry.ID, error: str) -> GenerationPayload:
        return GenerationPayload.of(await info.context.generations.fail(str(id), error))

    @strawberry.mutation(
        description="Make an older ready attempt its slot's current version again."
    )
    async def revert_to(self, info: Ctx, asset_id: strawberry.ID) -> GenerationPayload:
        return GenerationPayload.of(await info.context.generations.revert_to(str(asset_id)))

    @strawberry.mutation(description="Archive an attempt (its file and history are kept).")
    async def archive_asset(self, info: Ctx, id: strawberry.ID) -> GenerationPayload:
        return GenerationPayload.of(await info.context.generations.archive(str(id)))
