"""A FliGen project (e.g. VSS-001), with its FliHub reference."""

from __future__ import annotations

import re

from pydantic import field_validator

from lineage.models import Model

PROJECT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class Project(Model):
    code: str
    title: str | None = None
    flihub_chapter_id: str | None = None
    flihub_segment_ids: list[str] = []
    created_at: str
    updated_at: str
    archived: bool = False
    archived_at: str | None = None

    @property
    def id(self) -> str:
        return self.code

    @field_validator("code")
    @classmethod
    def _code_shape(cls, code: str) -> str:
        if not PROJECT_CODE.match(code):
            raise ValueError(
                f"project code {code!r} must be 1-64 letters, digits, '-' or '_', "
                "starting with a letter or digit"
            )
        return code

    @field_validator("archived", mode="before")
    @classmethod
    def _archived_or_not(cls, archived: bool | None) -> bool:
        return bool(archived)

    def to_row(self) -> dict[str, object]:
        """Its descriptive fields (archiving is its own write: `bundles/set_archived`)."""
        row = super().to_row() | {"id": self.code}
        return {k: v for k, v in row.items() if k not in ("archived", "archivedAt")}
