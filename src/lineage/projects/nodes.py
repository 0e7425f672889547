"""The Project node as GraphQL shows it."""

from __future__ import annotations

import strawberry

from lineage.api.scalars import DateTime
from lineage.projects.models import Project


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
