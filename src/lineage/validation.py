"""Turns pydantic's validation errors into one sentence a user can act on."""

from __future__ import annotations

from pydantic import ValidationError


def describe(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error["loc"]) or "input"
        parts.append(f"{where}: {error['msg'].removeprefix('Value error, ')}")
    return "; ".join(parts)
