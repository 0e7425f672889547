"""Prompts: written by a person (HumanPrompt) or refined by a model (MachinePrompt)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from lineage.models import Model, normalize_timestamp


class PromptKind(StrEnum):
    HUMAN = "human"
    MACHINE = "machine"


class NewPrompt(Model):
    id: str | None = Field(default=None, min_length=1, max_length=200)
    kind: PromptKind
    text: str = Field(min_length=1)
    role: str = Field(min_length=1, max_length=100)
    project_code: str | None = None
    refined_from_id: str | None = None
    refined_by_model: str | None = None
    revises_id: str | None = None
    workflow_id: str | None = None
    created_at: str | None = None

    @field_validator("created_at")
    @classmethod
    def _timestamp(cls, value: str | None) -> str | None:
        return None if value is None else normalize_timestamp(value)

    @model_validator(mode="after")
    def _machine_needs_its_source(self) -> NewPrompt:
        if self.kind is PromptKind.MACHINE and not (self.refined_from_id and self.refined_by_model):
            raise ValueError("a machine prompt needs refinedFromId and refinedByModel")
        if self.kind is PromptKind.HUMAN and (self.refined_from_id or self.refined_by_model):
            raise ValueError("a human prompt is not refined from another prompt")
        return self


class Prompt(Model):
    id: str
    kind: PromptKind
    text: str
    role: str
    created_at: str
    project_code: str | None = None
    refined_by_model: str | None = None
    revised_at: str | None = None


@dataclass(frozen=True)
class PromptFilter:
    """What a page of prompts asks for; `search`: words in any script, all of which match."""

    kind: PromptKind | None = None
    role: str | None = None
    project_code: str | None = None
    search: str | None = None
