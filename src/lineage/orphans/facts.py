"""Turning rows read from the graph into the rules' facts, and root causes into rows to store."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lineage.orphans.rules import AssetFacts, InputFacts

Row = Mapping[str, Any]


def input_facts(edge: list[Any], overrides: Mapping[str, Row]) -> InputFacts:
    """One input as the queries give it: [id, isPrompt, status, isCurrent, revised,
    pinned, rootCauses] (a list, not a map: cheaper to build and to decode)."""
    input_id, is_prompt, status, is_current, revised, pinned, _ = edge
    changed = overrides.get(input_id)
    if changed:
        status = changed.get("status", status)
        is_current = changed.get("isCurrent", is_current)
    return InputFacts(input_id, bool(is_prompt), status, bool(is_current), revised, pinned)


def asset_facts(row: Row, overrides: Mapping[str, Row] | None = None) -> AssetFacts:
    """The facts of one asset row, with hypothetical `overrides` (id -> changed fields)."""
    overrides = overrides or {}
    changed = overrides.get(row["id"], {})
    return AssetFacts(
        id=row["id"],
        status=changed.get("status", row["status"]),
        is_current=bool(changed.get("isCurrent", row["isCurrent"])),
        file_missing=bool(row["fileMissing"]),
        inputs=tuple(input_facts(i, overrides) for i in row["inputs"]),
    )


def roots_row(asset_id: str, roots: frozenset[str]) -> dict[str, Any]:
    """What set_status stores for an asset with these root causes."""
    return {"id": asset_id, "orphaned": bool(roots), "rootCauses": sorted(roots)}
