"""Projects in Neo4j."""

from __future__ import annotations

from lineage.db.store import Store
from lineage.projects.models import Project


class ProjectRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def upsert(self, project: Project) -> tuple[Project, bool]:
        [row] = await self.store.write("projects/upsert", row=project.to_row())
        return Project.model_validate(row["project"]), row["created"]

    async def find_by_code(self, code: str) -> Project | None:
        rows = await self.store.read("projects/find_by_code", code=code)
        return Project.model_validate(rows[0]["project"]) if rows else None

    async def list_page(self, after: str, limit: int) -> tuple[list[Project], int]:
        [row] = await self.store.read("projects/list", after=after, limit=limit)
        return [Project.model_validate(p) for p in row["projects"]], row["totalCount"]
