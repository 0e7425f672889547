"""Workflow runs: one execution of an n8n (or other engine) workflow."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field, field_validator

from lineage.models import Model, normalize_timestamp


class WorkflowStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class NewWorkflowRun(Model):
    id: str | None = Field(default=None, min_length=1, max_length=200)
    engine: str = Field(min_length=1, max_length=100)
    workflow_id: str | None = None
    execution_id: str | None = None
    status: WorkflowStatus = WorkflowStatus.SUCCEEDED
    started_at: str | None = None
    finished_at: str | None = None
    error: str | None = None
    project_code: str | None = None

    @field_validator("started_at", "finished_at")
    @classmethod
    def _timestamp(cls, value: str | None) -> str | None:
        return None if value is None else normalize_timestamp(value)


class WorkflowRun(Model):
    id: str
    engine: str
    workflow_id: str | None = None
    execution_id: str | None = None
    status: WorkflowStatus
    started_at: str
    finished_at: str | None = None
    error: str | None = None
    project_code: str | None = None


@dataclass(frozen=True)
class WorkflowFilter:
    """What a page of workflow runs asks for (None: any)."""

    engine: str | None = None
    project_code: str | None = None
    status: WorkflowStatus | None = None
