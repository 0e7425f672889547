"""GraphQL types and fields for projects."""

from __future__ import annotations

import strawberry

from lineage.api.info import Ctx
from lineage.api.relay import Connection, connection
from lineage.paging import page
from lineage.projects.nodes import ProjectNode


@strawberry.input
class CreateProjectInput:
    code: str
    title: str | None = None
    flihub_chapter_id: str | None = None
    flihub_segment_ids: list[str] | None = None


@strawberry.type
class ProjectQueries:
    @strawberry.field(description="One project by its code, e.g. VSS-001.")
    async def project(self, info: Ctx, code: str) -> ProjectNode:
        return ProjectNode.of(await info.context.projects.get(code))

    @strawberry.field(description="Every project, ordered by code.")
    async def projects(
        self, info: Ctx, first: int | None = None, after: str | None = None
    ) -> Connection[ProjectNode]:
        asked = page("projects:code:asc", first, after, info.context.settings)
        found, total = await info.context.projects.list_page(asked)
        nodes = [ProjectNode.of(p) for p in found]
        return connection(nodes, asked, total, lambda p: (p.code, p.code))


@strawberry.type
class ProjectMutations:
    @strawberry.mutation(description="Create a project (idempotent: an existing code is updated).")
    async def create_project(self, info: Ctx, input: CreateProjectInput) -> ProjectNode:
        project = await info.context.projects.create(
            input.code, input.title, input.flihub_chapter_id, input.flihub_segment_ids
        )
        return ProjectNode.of(project)
