"""Turning what the graph says into the rules' facts, and root causes into rows to store."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lineage.orphans.models import AffectedAsset
from lineage.orphans.rules import AssetFacts, InputFacts

Changed = Mapping[str, Mapping[str, Any]]  # id -> hypothetical changed fields


def input_facts(edge: list[Any], overrides: Changed) -> InputFacts:
    """One input as the queries give it: [id, isPrompt, status, isCurrent, revised,
    pinned, rootCauses] (a list, not a map: cheaper to build and to decode)."""
    input_id, is_prompt, status, is_current, revised, pinned, _ = edge
    changed = overrides.get(input_id)
    if changed:
        status = changed.get("status", status)
        is_current = changed.get("isCurrent", is_current)
    return InputFacts(input_id, bool(is_prompt), status, bool(is_current), revised, pinned)


def asset_facts(asset: AffectedAsset, overrides: Changed | None = None) -> AssetFacts:
    """The facts of one asset, with hypothetical `overrides` (id -> changed fields)."""
    overrides = overrides or {}
    changed = overrides.get(asset.id, {})
    return AssetFacts(
        id=asset.id,
        status=changed.get("status", asset.status),
        is_current=bool(changed.get("isCurrent", asset.is_current)),
        file_missing=asset.file_missing,
        inputs=tuple(input_facts(i, overrides) for i in asset.inputs),
    )


def roots_row(asset_id: str, roots: frozenset[str]) -> dict[str, Any]:
    """What set_status stores for an asset with these root causes."""
    return {"id": asset_id, "orphaned": bool(roots), "rootCauses": sorted(roots)}
