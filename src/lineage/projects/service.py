"""Rules for projects."""

from __future__ import annotations

from pydantic import ValidationError

from lineage.errors import InvalidInputError, NotFoundError
from lineage.models import utc_timestamp
from lineage.paging import Page
from lineage.projects.models import Project
from lineage.projects.repository import ProjectRepository
from lineage.validation import describe


class ProjectService:
    def __init__(self, repository: ProjectRepository) -> None:
        self.repository = repository

    async def create(
        self,
        code: str,
        title: str | None = None,
        flihub_chapter_id: str | None = None,
        flihub_segment_ids: list[str] | None = None,
    ) -> Project:
        """Create the project, or return it unchanged-but-updated when it exists."""
        now = utc_timestamp()
        try:
            project = Project(
                code=code,
                title=title,
                flihub_chapter_id=flihub_chapter_id,
                flihub_segment_ids=flihub_segment_ids or [],
                created_at=now,
                updated_at=now,
            )
        except ValidationError as exc:
            raise InvalidInputError(describe(exc)) from exc
        saved, _ = await self.repository.upsert(project)
        return saved

    async def get(self, code: str) -> Project:
        project = await self.repository.find_by_code(code)
        if project is None:
            raise NotFoundError(f"no project with code {code!r}")
        return project

    async def list_page(self, asked: Page) -> tuple[list[Project], int]:
        """Up to `asked.size + 1` projects after the cursor, and how many there are."""
        return await self.repository.list_page(asked)
