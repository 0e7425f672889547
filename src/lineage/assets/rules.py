"""Pure rules of generation attempts: status changes and reference checks."""

from __future__ import annotations

import secrets
import time
from typing import Any, NamedTuple

from lineage.assets.models import ID_PREFIX, AssetStatus, FrameRole, NewGeneration
from lineage.assets.params import ParamsLimits, check_params
from lineage.errors import InvalidInputError, NotFoundError
from lineage.models import AssetType

ALLOWED_CHANGES: dict[AssetStatus, frozenset[AssetStatus]] = {
    AssetStatus.GENERATING: frozenset(
        {AssetStatus.READY, AssetStatus.FAILED, AssetStatus.ARCHIVED}
    ),
    AssetStatus.READY: frozenset({AssetStatus.ARCHIVED}),
    AssetStatus.FAILED: frozenset({AssetStatus.ARCHIVED}),
    AssetStatus.ARCHIVED: frozenset(),
}


class StatusMove(NamedTuple):
    """A status change as its statement takes it (assets/changes/set_status): the
    statuses the attempt may have `before`, and the one it gets."""

    before: list[str]
    after: str


def status_move(wanted: AssetStatus) -> StatusMove:
    """The move to `wanted` from every status ALLOWED_CHANGES lets become it."""
    before = sorted(s.value for s, allowed in ALLOWED_CHANGES.items() if wanted in allowed)
    return StatusMove(before, wanted.value)


# A revert makes a ready attempt current again: its status stays ready.
REVERT = StatusMove([AssetStatus.READY.value], AssetStatus.READY.value)


def check_status_change(asset_id: str, current: AssetStatus, wanted: AssetStatus) -> None:
    if wanted not in ALLOWED_CHANGES[current]:
        raise InvalidInputError(
            f"asset {asset_id!r} is {current.value}; it cannot become {wanted.value}"
        )


def new_asset_id(asset_type: AssetType) -> str:
    return f"asset_{ID_PREFIX[asset_type]}_{int(time.time() * 1000)}_{secrets.token_hex(3)}"


def check_shape(gen: NewGeneration, limits: ParamsLimits) -> None:
    """Rules that need no database: frames only on videos, a start frame on every video,
    params within their limits."""
    check_params(gen.params, limits)
    roles = [frame.role for frame in gen.frames]
    if gen.frames and gen.type is not AssetType.VIDEO:
        raise InvalidInputError(f"only a video uses frames; this asset is a {gen.type.value}")
    if gen.type is AssetType.VIDEO and FrameRole.START not in roles:
        raise InvalidInputError("a video needs a start frame (frames: [{assetId, role: START}])")
    if roles.count(FrameRole.START) > 1 or roles.count(FrameRole.END) > 1:
        raise InvalidInputError("a video has at most one start frame and one end frame")
    if gen.status is AssetStatus.ARCHIVED:
        raise InvalidInputError("a generation cannot be recorded as archived")
    if gen.status is AssetStatus.FAILED and not gen.error:
        raise InvalidInputError("a failed generation needs its error message")


def check_references(gen: NewGeneration, found: dict[str, Any]) -> None:
    """Every id the generation names exists, frames are images, no cycle."""
    missing = [
        *(f"prompt {pid!r}" for pid in found["missingPrompts"]),
        *(f"source asset {sid!r}" for sid in found["missingSources"]),
        *(f"frame asset {f['id']!r}" for f in found["frames"] if f["type"] is None),
    ]
    if not found["workflowFound"]:
        missing.append(f"workflow {gen.workflow_id!r}")
    if not found["projectFound"]:
        missing.append(f"project {gen.project_code!r}")
    if gen.regenerates_id and found["previous"] is None:
        missing.append(f"asset {gen.regenerates_id!r} (regenerates)")
    if missing:
        raise NotFoundError("unknown " + ", ".join(missing))
    not_images = [f["id"] for f in found["frames"] if f["type"] != AssetType.IMAGE.value]
    if not_images:
        raise InvalidInputError(f"a frame must be an image; not images: {', '.join(not_images)}")
    if gen.regenerates_id == gen.id or found["wouldCycle"]:
        raise InvalidInputError(f"regenerating {gen.regenerates_id!r} would form a cycle")
