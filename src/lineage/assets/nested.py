"""The nested fields a page's statement read (`cypher/assets/page/`), as domain values:
each the domain value of the repository's batch read that its DataLoader
(`lineage.api.loaders`) shows for the same asset."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lineage.assets.models import Asset, FrameRole, UsedFrame
from lineage.projects.models import Project
from lineage.prompts.models import Prompt


def asset_of(properties: dict[str, Any]) -> Asset:
    """An asset node's properties as the model (the one place a row becomes an Asset)."""
    return Asset.model_validate(properties)


def assets_of(rows: list[dict[str, Any]]) -> list[Asset]:
    return [asset_of(properties) for properties in rows]


def frames_of(rows: list[dict[str, Any]]) -> list[UsedFrame]:
    return [UsedFrame(FrameRole(f["role"]), f["position"], asset_of(f["asset"])) for f in rows]


def _prompts(rows: list[dict[str, Any]]) -> list[Prompt]:
    return [Prompt.model_validate(row) for row in rows]


def _maybe(model: Callable[[Any], Any]) -> Callable[[dict[str, Any] | None], Any]:
    return lambda row: None if row is None else model(row)


VALUE_OF: dict[str, Callable[[Any], Any]] = {
    "frames": frames_of,
    "prompts": _prompts,
    "sources": assets_of,
    "versions": assets_of,
    "previousVersion": _maybe(asset_of),
    "currentVersion": _maybe(asset_of),
    "usedBy": assets_of,
    "workflow": lambda properties: properties,  # a run's: the workflows domain reads them
    "project": _maybe(Project.model_validate),
}


def nested_values(read: dict[str, Any]) -> dict[str, Any]:
    """{field: domain value} of the nested fields in a page row's `nested` map."""
    return {field: VALUE_OF[field](value) for field, value in read.items()}
