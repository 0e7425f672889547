"""The base of every domain model: snake_case in Python, camelCase outside.

This alias bridge is the one place where the two spellings meet: records from
Neo4j are read with `model_validate(row)`, written with `model_dump(by_alias=True)`.
`AssetType` lives here too: the asset domain and the file store below it (which
checks and files bytes by kind) both speak it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class Model(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, frozen=True, extra="ignore"
    )

    def to_row(self) -> dict[str, object]:
        """The model as Neo4j properties (camelCase, Nones kept for explicit removal)."""
        return self.model_dump(by_alias=True, mode="json")


def utc_timestamp(moment: datetime | None = None) -> str:
    """ISO-8601 UTC with milliseconds, the studio's one spelling of time."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def normalize_timestamp(text: str) -> str:
    """Any ISO-8601 text -> the studio's spelling; ValueError names what was wrong."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(f"not an ISO-8601 time: {text!r}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return utc_timestamp(moment)


class AssetType(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    MUSIC = "music"
    THUMBNAIL = "thumbnail"

    @classmethod
    def _missing_(cls, value: object) -> AssetType | None:
        """`IMAGE` (the GraphQL enum's spelling) as well as `image`, e.g. in POST /files."""
        return cls.__members__.get(value.upper()) if isinstance(value, str) else None
