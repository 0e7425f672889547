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


def input_facts(row: Row, overrides: Mapping[str, Row]) -> InputFacts:
    changed = overrides.get(row["id"], {})
    return InputFacts(
        id=row["id"],
        is_prompt=bool(row["isPrompt"]),
        status=changed.get("status", row["status"]),
        is_current=bool(changed.get("isCurrent", row["isCurrent"])),
        revised=bool(row["revised"]),
        pinned=bool(row["pinned"]),
    )


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
        i["id"]: decode_reasons(i["reasons"])
        for row in rows
        for i in row["inputs"]
        if i["id"] not in inside
    }


def status_row(asset_id: str, status: OrphanStatus) -> dict[str, Any]:
    return {
        "id": asset_id,
        "orphaned": status.orphaned,
        "state": status.state.value,
        "reasons": encode_reasons(status.reasons),
        "rootCauses": status.root_causes,
    }
