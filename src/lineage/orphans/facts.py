"""Turning rows read from the graph into the rules' facts, and statuses into rows to store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson

from lineage.orphans.rules import (
    AssetFacts,
    InputFacts,
    OrphanKind,
    OrphanStatus,
    Reason,
    status_of,
)

Row = Mapping[str, Any]


def input_facts(edge: list[Any], overrides: Mapping[str, Row]) -> InputFacts:
    """One input as the queries give it: [id, isPrompt, status, isCurrent, revised,
    pinned, reasons] (a list, not a map: cheaper to build and to decode)."""
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


def decode_reasons(text: str | None) -> tuple[Reason, ...]:
    """Reasons as stored on a node (JSON text, so Neo4j Browser shows them too)."""
    if not text:
        return ()
    return tuple(
        Reason(OrphanKind(r["kind"]), r["rootCause"], r["depth"], tuple(r["path"]))
        for r in orjson.loads(text)
    )


def encode_reasons(reasons: Iterable[Reason]) -> str | None:
    encoded = [
        {"kind": r.kind.value, "rootCause": r.root_cause, "depth": r.depth, "path": list(r.path)}
        for r in reasons
    ]
    return orjson.dumps(encoded).decode() if encoded else None


def stored_status(text: str | None) -> OrphanStatus:
    """The status a node carries, rebuilt from its stored reasons."""
    return status_of(decode_reasons(text))


def known_reasons(rows: Iterable[Row]) -> dict[str, tuple[Reason, ...]]:
    """Stored reasons of the inputs outside the rows (those inside are evaluated afresh)."""
    rows = list(rows)
    inside = {row["id"] for row in rows}
    return {
        edge[0]: decode_reasons(edge[-1])
        for row in rows
        for edge in row["inputs"]
        if edge[0] not in inside
    }


def status_row(asset_id: str, status: OrphanStatus) -> dict[str, Any]:
    return {
        "id": asset_id,
        "orphaned": status.orphaned,
        "state": status.state.value,
        "reasons": encode_reasons(status.reasons),
        "rootCauses": status.root_causes,
    }
