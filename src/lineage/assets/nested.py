"""The nested fields a page's statement read (`cypher/assets/page/`), as domain values:
each the value its DataLoader (`lineage.api.loaders`) gives for the same asset."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lineage.assets.models import Asset
from lineage.projects.models import Project
from lineage.prompts.models import Prompt
from lineage.workflows.models import WorkflowRun

Frame = tuple[str, int, Asset]  # role, position, image


def frames_of(rows: list[dict[str, Any]]) -> list[Frame]:
    return [(f["role"], f["position"], Asset.model_validate(f["asset"])) for f in rows]


def _assets(rows: list[dict[str, Any]]) -> list[Asset]:
    return [Asset.model_validate(row) for row in rows]


def _prompts(rows: list[dict[str, Any]]) -> list[Prompt]:
    return [Prompt.model_validate(row) for row in rows]


def _maybe(model: Callable[[Any], Any]) -> Callable[[dict[str, Any] | None], Any]:
    return lambda row: None if row is None else model(row)


VALUE_OF: dict[str, Callable[[Any], Any]] = {
    "frames": frames_of,
    "prompts": _prompts,
    "sources": _assets,
    "versions": _assets,
    "previousVersion": _maybe(Asset.model_validate),
    "currentVersion": _maybe(Asset.model_validate),
    "usedBy": _assets,
    "workflow": _maybe(WorkflowRun.model_validate),
    "project": _maybe(Project.model_validate),
}


def nested_values(read: dict[str, Any]) -> dict[str, Any]:
    """{field: domain value} of the nested fields in a page row's `nested` map."""
    return {field: VALUE_OF[field](value) for field, value in read.items()}
