"""GraphQL types and fields for projects."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from lineage.api.context import Context
from lineage.api.nodes import ProjectNode
from lineage.api.relay import Connection, connection
from lineage.paging import page


@strawberry.input
class CreateProjectInput:
    code: str
    title: str | None = None
    flihub_chapter_id: str | None = None
    flihub_segment_ids: list[str] | None = None


@strawberry.type
class ProjectQueries:
    @strawberry.field(description="One project by its code, e.g. VSS-001.")
    async def project(self, info: Info[Context, None], code: str) -> ProjectNode:
        return ProjectNode.of(await info.context.projects.get(code))

    @strawberry.field(description="Every project, ordered by code.")
    async def projects(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[ProjectNode]:
        asked = page("projects:code:asc", first, after, info.context.settings)
        found, total = await info.context.projects.repository.list_page(asked)
        nodes = [ProjectNode.of(p) for p in found]
        return connection(nodes, asked, total, lambda p: (p.code, p.code))


@strawberry.type
class ProjectMutations:
    @strawberry.mutation(description="Create a project (idempotent: an existing code is updated).")
    async def create_project(
        self, info: Info[Context, None], input: CreateProjectInput
    ) -> ProjectNode:
        project = await info.context.projects.create(
            input.code, input.title, input.flihub_chapter_id, input.flihub_segment_ids
        )
        return ProjectNode.of(project)
