"""GraphQL queries and mutations of prompts."""

from __future__ import annotations

import strawberry
from pydantic import ValidationError

from lineage.api.info import Ctx
from lineage.api.relay import Connection, connection
from lineage.api.scalars import DateTime
from lineage.errors import InvalidInputError
from lineage.paging import page
from lineage.prompts.models import NewPrompt, PromptFilter
from lineage.prompts.nodes import PromptKind, PromptNode
from lineage.validation import describe

PROMPTS_ORDER = "prompts:createdAt:desc"  # what a cursor of the prompt list is made for


@strawberry.input(
    description="A human prompt, or a machine prompt with the human prompt it refines."
)
class RecordPromptInput:
    client_key: str | None = None
    id: strawberry.ID | None = None
    kind: PromptKind  # type: ignore[valid-type]
    text: str
    role: str
    project_code: str | None = None
    refined_from_id: strawberry.ID | None = None
    refined_by_model: str | None = None
    revises_id: strawberry.ID | None = strawberry.field(
        default=None, description="The prompt this one revises (its older version)."
    )
    workflow_id: strawberry.ID | None = None
    created_at: DateTime | None = None


def to_prompt(data: RecordPromptInput) -> NewPrompt:
    fields = {k: v for k, v in vars(data).items() if k != "client_key" and v is not None}
    try:
        return NewPrompt(**fields)
    except ValidationError as exc:
        raise InvalidInputError(describe(exc)) from exc


@strawberry.type
class PromptQueries:
    @strawberry.field(description="One prompt by id.")
    async def prompt(self, info: Ctx, id: strawberry.ID) -> PromptNode:
        return PromptNode.of(await info.context.prompts.get(str(id)))

    @strawberry.field(description="Prompts, newest first; `search` is full-text in any script.")
    async def prompts(
        self,
        info: Ctx,
        kind: PromptKind | None = None,  # type: ignore[valid-type]
        role: str | None = None,
        project_code: str | None = None,
        search: str | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PromptNode]:
        asked = page(PROMPTS_ORDER, first, after, info.context.settings)
        where = PromptFilter(kind=kind, role=role, project_code=project_code, search=search)
        found, total = await info.context.prompts.list_page(asked, where)
        nodes = PromptNode.all(found)
        return connection(nodes, asked, total, lambda p: (p.created_at, p.id))


@strawberry.type
class PromptMutations:
    @strawberry.mutation(description="Record a human prompt, or a machine refinement of one.")
    async def record_prompt(self, info: Ctx, input: RecordPromptInput) -> PromptNode:
        prompt = await info.context.prompts.record(to_prompt(input), input.client_key)
        return PromptNode.of(prompt)
