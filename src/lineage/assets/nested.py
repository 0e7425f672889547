"""The nested fields a page's statement read (`cypher/assets/page/`), as domain values:
each the domain value of the repository's batch read that its DataLoader
(`lineage.api.loaders`) shows for the same asset.

The statement returns each node it reads as the values of the properties `$shown`
names for its kind (`SHOWN_KINDS`), in order: every property its model reads
(`EVERY_PROPERTY`), or only those a compiled page shows (`lineage.assets.compiled`);
`with_properties` turns them back into property maps (a missing property is null).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lineage.assets.models import Asset, FrameRole, UsedFrame
from lineage.projects.models import Project
from lineage.prompts.models import Prompt

ASSET_PROPERTIES = [str(f.alias) for f in Asset.model_fields.values()]
PROMPT_PROPERTIES = [str(f.alias) for f in Prompt.model_fields.values()]
# The kinds of node a nested page returns (`$shown`'s keys): the page's assets, and the
# nodes of each nested field that returns values (workflow and project: whole maps).
SHOWN_KINDS = {
    "asset": ASSET_PROPERTIES,
    "frames": ASSET_PROPERTIES,
    "prompts": PROMPT_PROPERTIES,
    "sources": ASSET_PROPERTIES,
    "versions": ASSET_PROPERTIES,
    "previousVersion": ASSET_PROPERTIES,
    "currentVersion": ASSET_PROPERTIES,
    "usedBy": ASSET_PROPERTIES,
}
EVERY_PROPERTY = {kind: list(keys) for kind, keys in SHOWN_KINDS.items()}


def with_properties(row: dict[str, Any], shown: dict[str, list[str]]) -> dict[str, Any]:
    """A nested page's row with its nodes' values (`shown` names them) as property maps."""
    nested = {
        field: _mapped(field, value, shown[field]) if field in shown else value
        for field, value in row["nested"].items()
    }
    return {**row, "asset": _properties(row["asset"], shown["asset"]), "nested": nested}


def _mapped(field: str, value: Any, keys: list[str]) -> Any:
    if value is None:
        return None
    if field == "frames":
        return [{**frame, "asset": _properties(frame["asset"], keys)} for frame in value]
    if field in ("previousVersion", "currentVersion"):
        return _properties(value, keys)
    return [_properties(values, keys) for values in value]


def _properties(values: list[Any], keys: list[str]) -> dict[str, Any]:
    return {key: value for key, value in zip(keys, values, strict=True) if value is not None}


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
