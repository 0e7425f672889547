"""Workflow runs in Neo4j: the reads (the writes run in the service's transaction)."""

from __future__ import annotations

from collections.abc import Collection

from lineage.db.store import Store
from lineage.paging import Page
from lineage.workflows.models import WorkflowFilter, WorkflowRun


class WorkflowRepository:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def find(self, run_id: str) -> WorkflowRun | None:
        rows = await self.store.read("workflows/find_by_id", id=run_id)
        return WorkflowRun.model_validate(rows[0]["workflow"]) if rows else None

    async def list_page(self, asked: Page, where: WorkflowFilter) -> tuple[list[WorkflowRun], int]:
        """Up to `asked.size + 1` runs after the cursor, and how many match in all."""
        [row] = await self.store.read(
            "workflows/list",
            **asked.params(),
            engine=where.engine,
            projectCode=where.project_code,
            status=where.status.value if where.status else None,
        )
        return [WorkflowRun.model_validate(w) for w in row["workflows"]], row["totalCount"]

    async def list_runs_of(self, ids: Collection[str]) -> dict[str, WorkflowRun]:
        """The run that produced each of `ids` (assets or prompts; those a run produced)."""
        rows = await self.store.read("workflows/list_runs_of", ids=list(ids))
        return {row["id"]: WorkflowRun.model_validate(row["workflow"]) for row in rows}
