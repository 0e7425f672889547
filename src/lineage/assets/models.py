"""Assets: one generation attempt of an image, video, audio, music track or thumbnail."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from pydantic import Field, field_validator

from lineage.models import AssetType, Model, normalize_timestamp
from lineage.paging import SortKey
from lineage.prompts.models import Prompt


class AssetStatus(StrEnum):
    GENERATING = "generating"
    READY = "ready"
    FAILED = "failed"
    ARCHIVED = "archived"


class FrameRole(StrEnum):
    START = "start"
    END = "end"


ID_PREFIX = {
    AssetType.IMAGE: "img",
    AssetType.VIDEO: "vid",
    AssetType.AUDIO: "aud",
    AssetType.MUSIC: "mus",
    AssetType.THUMBNAIL: "thb",
}

# The type's own parameters that become searchable properties of the node;
# every parameter (these and any other) is also kept whole in `params`.
KNOWN_PARAMS: dict[AssetType, tuple[str, ...]] = {
    AssetType.IMAGE: ("width", "height", "seed", "guidanceScale"),
    AssetType.VIDEO: ("duration", "fps", "resolution"),
    AssetType.AUDIO: ("voice", "voiceId", "durationSeconds", "format"),
    AssetType.MUSIC: ("styleTags", "modelVersion", "format", "bpm", "instrumental", "lyrics"),
    AssetType.THUMBNAIL: ("template", "textOverlays", "composition"),
}
ALL_KNOWN_PARAMS = tuple(dict.fromkeys(k for keys in KNOWN_PARAMS.values() for k in keys))


def _is_property_value(value: Any) -> bool:
    """Neo4j stores scalars and lists of one scalar type as properties."""
    if isinstance(value, str | int | float | bool):
        return True
    return (
        isinstance(value, list)
        and len({type(v) for v in value}) <= 1
        and all(isinstance(v, str | int | float | bool) for v in value)
    )


def promoted_params(asset_type: AssetType, params: dict[str, Any]) -> dict[str, Any]:
    """The known parameters of this type that can be node properties."""
    return {
        key: params[key]
        for key in KNOWN_PARAMS[asset_type]
        if key in params and _is_property_value(params[key])
    }


class Frame(Model):
    asset_id: str
    role: FrameRole
    position: int = 0


class NewGeneration(Model):
    """What a tool sends to record one generation attempt."""

    id: str | None = Field(default=None, min_length=1, max_length=200)
    type: AssetType
    provider: str = Field(min_length=1, max_length=200)
    model: str = Field(min_length=1, max_length=200)
    status: AssetStatus = AssetStatus.READY
    name: str | None = None
    prompt: str | None = None
    filename: str | None = None
    url: str | None = None
    error: str | None = None
    created_at: str | None = None
    completed_at: str | None = None
    estimated_cost: float | None = Field(default=None, ge=0)
    generation_time_ms: int | None = Field(default=None, ge=0)
    params: dict[str, Any] = Field(default_factory=dict)
    slot: str | None = Field(default=None, min_length=1, max_length=300)
    project_code: str | None = None
    prompt_ids: list[str] = Field(default_factory=list)
    source_asset_ids: list[str] = Field(default_factory=list)
    frames: list[Frame] = Field(default_factory=list)
    workflow_id: str | None = None
    regenerates_id: str | None = None
    file_ref: str | None = None
    source_path: str | None = Field(default=None, min_length=1)
    source_url: str | None = Field(default=None, min_length=1)
    source_url_sha256: str | None = None  # set when stored (`lineage.assets.sources`)
    file_sha256: str | None = None
    file_size_bytes: int | None = None
    media_type: str | None = None
    media_width: int | None = None
    media_height: int | None = None
    media_duration_seconds: float | None = None

    @field_validator("created_at", "completed_at")
    @classmethod
    def _timestamp(cls, value: str | None) -> str | None:
        return None if value is None else normalize_timestamp(value)

    @field_validator("slot")
    @classmethod
    def _slot_name(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("a slot name needs a visible character (it is only spaces)")
        return None if value is None else value.strip()


class Asset(Model):
    """An asset as stored: the node's properties."""

    id: str
    type: AssetType
    slot: str
    slot_key: str
    version: int
    is_current: bool = False
    provider: str
    model: str
    status: AssetStatus
    name: str | None = None
    prompt: str | None = None
    filename: str | None = None
    url: str | None = None
    error: str | None = None
    created_at: str
    completed_at: str | None = None
    current_since: str | None = None
    estimated_cost: float | None = None
    generation_time_ms: int | None = None
    project_code: str | None = None
    params_json: str = "{}"
    file_ref: str | None = None
    file_sha256: str | None = None
    file_size_bytes: int | None = None
    media_type: str | None = None
    media_width: int | None = None
    media_height: int | None = None
    media_duration_seconds: float | None = None
    file_missing: bool = False
    file_problem: str | None = None
    metadata_missing: bool = False
    orphaned: bool = False
    pinned_inputs: list[str] = Field(default_factory=list)

    @property
    def params(self) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(self.params_json)
        return loaded


class UsedFrame(NamedTuple):
    """A frame a video uses: its role, its position, and the image."""

    role: FrameRole
    position: int
    asset: Asset


@dataclass(frozen=True)
class SearchHit:
    """One asset of a catalog page: its sort key, what of the search it matched, and the
    nested fields its page's statement read (`lineage.assets.nested`)."""

    asset: Asset
    key: SortKey
    matched_prompts: list[Prompt]
    matched_own_text: bool
    nested: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CatalogQuery:
    """What a catalog page asks for: the filters (all optional, combined) and the order.
    `order_by` is the sort key's field (createdAt, estimatedCost, name)."""

    type: AssetType | None = None
    provider: str | None = None
    model: str | None = None
    status: AssetStatus | None = None
    project_code: str | None = None
    slot: str | None = None
    search: str | None = None
    search_prompt_chain: bool = True
    created_from: str | None = None
    created_to: str | None = None
    current_only: bool = False
    orphaned: bool | None = None
    order_by: str = "createdAt"
    descending: bool = True


@dataclass(frozen=True)
class Completion:
    """What `completeGeneration` may set on a finished attempt (None: left as it is)."""

    completed_at: str | None = None
    filename: str | None = None
    url: str | None = None
    estimated_cost: float | None = None
    generation_time_ms: int | None = None


@dataclass(frozen=True)
class CostGroup:
    """A project's attempts of one provider, model, type or day, and what they cost."""

    key: str | None
    attempts: int
    ready_attempts: int
    failed_attempts: int
    cost_micros: int
    failed_cost_micros: int
