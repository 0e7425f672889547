"""GraphQL for workflow runs, including the whole n8n run in one mutation."""

from __future__ import annotations

import strawberry
from pydantic import ValidationError

from lineage.api.info import Ctx
from lineage.api.relay import Connection, connection
from lineage.api.scalars import DateTime
from lineage.assets.nodes import AssetNode
from lineage.errors import InvalidInputError
from lineage.generations.gql import RecordGenerationInput, to_generation
from lineage.paging import page
from lineage.prompts.gql import RecordPromptInput, to_prompt
from lineage.prompts.nodes import PromptNode
from lineage.validation import describe
from lineage.workflows.models import NewWorkflowRun, WorkflowFilter
from lineage.workflows.nodes import WorkflowNode, WorkflowStatus
from lineage.workflows.service import KeyedGeneration, KeyedPrompt, WorkflowRunRequest

WORKFLOWS_ORDER = "workflows:startedAt:desc"  # what a cursor of the run list is made for


@strawberry.input
class RunPromptInput:
    key: str = strawberry.field(
        description="Names this prompt inside the run (refinedFromId may use it)."
    )
    prompt: RecordPromptInput


@strawberry.input
class RunGenerationInput:
    key: str = strawberry.field(
        description="Names this asset inside the run (frames, sources may use it)."
    )
    generation: RecordGenerationInput


@strawberry.input(
    description="One workflow run with every prompt and asset it made, in one transaction."
)
class RecordWorkflowRunInput:
    client_key: str | None = None
    id: strawberry.ID | None = None
    engine: str
    workflow_id: str | None = None
    execution_id: str | None = None
    status: WorkflowStatus = WorkflowStatus.SUCCEEDED  # type: ignore[valid-type]
    started_at: DateTime | None = None
    finished_at: DateTime | None = None
    error: str | None = None
    project_code: str | None = None
    prompts: list[RunPromptInput] | None = None
    generations: list[RunGenerationInput] | None = None


@strawberry.type
class WorkflowRunPayload:
    run: WorkflowNode
    prompts: list[PromptNode]
    assets: list[AssetNode]


def to_request(data: RecordWorkflowRunInput) -> WorkflowRunRequest:
    skip = {"client_key", "prompts", "generations"}
    try:
        run = NewWorkflowRun(
            **{k: v for k, v in vars(data).items() if k not in skip and v is not None}
        )
    except ValidationError as exc:
        raise InvalidInputError(describe(exc)) from exc
    return WorkflowRunRequest(
        run=run,
        prompts=[KeyedPrompt(key=p.key, prompt=to_prompt(p.prompt)) for p in data.prompts or []],
        generations=[
            KeyedGeneration(key=g.key, generation=to_generation(g.generation))
            for g in data.generations or []
        ],
    )


@strawberry.type
class WorkflowQueries:
    @strawberry.field(description="One workflow run by id.")
    async def workflow(self, info: Ctx, id: strawberry.ID) -> WorkflowNode:
        return WorkflowNode.of(await info.context.workflows.get(str(id)))

    @strawberry.field(description="Workflow runs, newest first.")
    async def workflows(
        self,
        info: Ctx,
        engine: str | None = None,
        project_code: str | None = None,
        status: WorkflowStatus | None = None,  # type: ignore[valid-type]
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[WorkflowNode]:
        asked = page(WORKFLOWS_ORDER, first, after, info.context.settings)
        where = WorkflowFilter(engine=engine, project_code=project_code, status=status)
        found, total = await info.context.workflows.list_page(asked, where)
        nodes = [WorkflowNode.of(w) for w in found]
        return connection(nodes, asked, total, lambda w: (w.started_at, w.id))


@strawberry.type
class WorkflowMutations:
    @strawberry.mutation(
        description="Record a whole workflow run (the n8n case) in one transaction."
    )
    async def record_workflow_run(
        self, info: Ctx, input: RecordWorkflowRunInput
    ) -> WorkflowRunPayload:
        done = await info.context.workflows.record(to_request(input), input.client_key)
        return WorkflowRunPayload(
            run=WorkflowNode.of(done.run),
            prompts=PromptNode.all(done.prompts),
            assets=AssetNode.all(done.assets),
        )
