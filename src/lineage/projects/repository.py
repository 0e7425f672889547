"""Projects in Neo4j."""

from __future__ import annotations

from collections.abc import Collection

from lineage.db.store import Store, Tx
from lineage.paging import Page
from lineage.projects.models import Project
from lineage.projects.readonly import check_writable


class ProjectRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def upsert(self, project: Project) -> tuple[Project, bool]:
        """Create or update the project; an archived one is read-only (ProjectArchivedError),
        checked in the same transaction."""

        async def write(tx: Tx) -> tuple[Project, bool]:
            await check_writable(tx, project.code)
            [row] = await tx.run("projects/upsert", row=project.to_row())
            return Project.model_validate(row["project"]), row["created"]

        return await self.store.in_write_tx(write)

    async def find_by_code(self, code: str) -> Project | None:
        rows = await self.store.read("projects/find_by_code", code=code)
        return Project.model_validate(rows[0]["project"]) if rows else None

    async def list_page(self, asked: Page) -> tuple[list[Project], int]:
        """Up to `asked.size + 1` projects after the cursor, and how many there are."""
        [row] = await self.store.read("projects/list", **asked.params())
        return [Project.model_validate(p) for p in row["projects"]], row["totalCount"]

    async def list_many(self, codes: Collection[str]) -> dict[str, Project]:
        """The projects of those `codes` that exist."""
        rows = await self.store.read("projects/find_many", codes=list(codes))
        return {row["code"]: Project.model_validate(row["project"]) for row in rows}

    async def list_orphan_counts(self) -> dict[str, int]:
        """Every project's maintained count of orphaned assets (0 when never set)."""
        rows = await self.store.read("projects/list_orphan_counts")
        return {row["code"]: row["orphanCount"] for row in rows}
