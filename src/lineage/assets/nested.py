"""The nested fields a page's statement read (`cypher/assets/page/`), as domain values:
each the domain value of the repository's batch read that its DataLoader
(`lineage.api.loaders`) shows for the same asset."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lineage.assets.models import Asset, FrameRole, UsedFrame
from lineage.projects.models import Project
from lineage.prompts.models import Prompt


def frames_of(rows: list[dict[str, Any]]) -> list[UsedFrame]:
    return [
        UsedFrame(FrameRole(f["role"]), f["position"], Asset.model_validate(f["asset"]))
        for f in rows
    ]


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
    "workflow": lambda properties: properties,  # a run's: the workflows domain reads them
    "project": _maybe(Project.model_validate),
}


def nested_values(read: dict[str, Any]) -> dict[str, Any]:
    """{field: domain value} of the nested fields in a page row's `nested` map."""
    return {field: VALUE_OF[field](value) for field, value in read.items()}
