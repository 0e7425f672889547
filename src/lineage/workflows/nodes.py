"""The WorkflowRun node as GraphQL shows it."""

from __future__ import annotations

import strawberry

from lineage.api.scalars import DateTime
from lineage.workflows import models as wm

WorkflowStatus = strawberry.enum(wm.WorkflowStatus)


@strawberry.type(name="WorkflowRun")
class WorkflowNode:
    id: strawberry.ID
    engine: str
    workflow_id: str | None
    execution_id: str | None
    status: WorkflowStatus  # type: ignore[valid-type]
    started_at: DateTime
    finished_at: DateTime | None
    error: str | None
    project_code: str | None

    @classmethod
    def of(cls, run: wm.WorkflowRun) -> WorkflowNode:
        return cls(**run.model_dump())
