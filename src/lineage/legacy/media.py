"""Shots, video attempts and the story folder's loose files, planned as assets.

Video attempts of one file name are one slot's attempts. Their file name was
reused by every attempt, so only the last completed one (by completion time) can
own the bytes on disk; the earlier completed ones are recorded as lost.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from lineage.assets.models import AssetStatus, FrameRole
from lineage.legacy.folder import LegacyFolder, named_beside
from lineage.legacy.plan import (
    FrameLink,
    PlannedAsset,
    RecordSpec,
    checked,
    generation,
    params_of,
)
from lineage.legacy.report import Kind, Problem, Tally
from lineage.models import AssetType, utc_timestamp

SHOT = RecordSpec(
    "shot",
    required=("id", "provider", "model", "createdAt"),
    listed=("filename", "url", "prompt", "width", "height"),
)
VIDEO = RecordSpec(
    "video attempt",
    required=("id", "filename", "provider", "model", "status", "createdAt"),
    listed=("url", "startShotId", "endShotId", "duration"),
)
SHOT_MAPPED = frozenset({"id", "provider", "model", "prompt", "createdAt"})
VIDEO_MAPPED = frozenset({"id", "provider", "model", "status", "error", "createdAt", "completedAt"})
VIDEO_STATUS = {
    "pending": AssetStatus.GENERATING,
    "completed": AssetStatus.READY,
    "failed": AssetStatus.FAILED,
}
UNKNOWN = "unknown"


def plan_shots(records: list[Any], folder: LegacyFolder, tally: Tally) -> list[PlannedAsset]:
    where = folder.shot_index
    planned = []
    for position, record in enumerate(records):
        shot = checked(record, SHOT, position, where, tally)
        gen = shot and generation(
            tally,
            where,
            str(shot["id"]),
            (str(shot["id"]),),
            type=AssetType.IMAGE,
            provider=shot["provider"],
            model=shot["model"],
            name=shot["id"],
            prompt=shot.get("prompt"),
            created_at=shot["createdAt"],
            params=params_of(shot, SHOT_MAPPED),
            slot=shot["id"],
        )
        if shot and gen:
            item = PlannedAsset(Kind.IMAGE, gen, shot["id"], where)
            _locate_file(item, shot.get("filename"), tally)
            planned.append(item)
    return planned


def plan_videos(
    records: list[Any], shots: dict[str, str], folder: LegacyFolder, tally: Tally
) -> list[PlannedAsset]:
    """Every valid attempt, with its frames (`shots`: legacy shot id -> asset id)."""
    where = folder.video_index
    attempts = [
        item
        for position, record in enumerate(records)
        if (item := _plan_video(record, position, shots, where, tally)) is not None
    ]
    by_file: dict[str, list[PlannedAsset]] = defaultdict(list)
    for item in attempts:
        by_file[str(item.gen.params["filename"])].append(item)
    for filename, chain in by_file.items():
        chain.sort(key=lambda a: (str(a.gen.created_at), a.legacy_id))
        _assign_file(chain, filename, tally)
    return sorted(attempts, key=lambda a: (a.slot, str(a.gen.created_at), a.legacy_id))


def _plan_video(
    record: Any, position: int, shots: dict[str, str], where: Path, tally: Tally
) -> PlannedAsset | None:
    video = checked(record, VIDEO, position, where, tally)
    if video is None:
        return None
    label = str(video["id"])
    status = VIDEO_STATUS.get(str(video["status"]))
    if status is None:
        tally.add(
            Problem.INVALID_VALUE,
            where,
            f"{label}: unknown status {video['status']!r}; skipped",
            label,
        )
        return None
    _report_status_fields(video, status, where, tally)
    gen = generation(
        tally,
        where,
        label,
        (label,),
        type=AssetType.VIDEO,
        provider=video["provider"],
        model=video["model"],
        status=status,
        name=_stem(video["filename"]),
        error=video.get("error"),
        created_at=video["createdAt"],
        completed_at=video.get("completedAt"),
        params=params_of(video, VIDEO_MAPPED),
        slot=_stem(video["filename"]),
    )
    if gen is None:
        return None
    item = PlannedAsset(Kind.VIDEO, gen, label, where)
    item.frames = _frames(video, shots, where, tally)
    return item


def _report_status_fields(
    video: dict[str, Any], status: AssetStatus, where: Path, tally: Tally
) -> None:
    label = str(video["id"])
    if status is AssetStatus.FAILED and not video.get("error"):
        tally.add(
            Problem.MISSING_FIELD, where, f"video attempt {label} failed without an error", label
        )
    if status is AssetStatus.READY and not video.get("completedAt"):
        tally.add(Problem.MISSING_FIELD, where, f"video attempt {label} has no completedAt", label)


def _frames(
    video: dict[str, Any], shots: dict[str, str], where: Path, tally: Tally
) -> list[FrameLink]:
    frames = []
    for field, role in (("startShotId", FrameRole.START), ("endShotId", FrameRole.END)):
        shot = video.get(field)
        if shot is None:
            continue
        if shot not in shots:
            message = (
                f"video attempt {video['id']} names {field} {shot!r}, which is not in the shot list"
            )
            tally.add(Problem.DANGLING_REFERENCE, where, message, str(video["id"]))
            continue
        frames.append(FrameLink(shots[shot], role.value))
    return frames


def _assign_file(chain: list[PlannedAsset], filename: str, tally: Tally) -> None:
    """The bytes on disk belong to the attempt that completed last; earlier ones are lost."""
    completed = [a for a in chain if a.gen.status is AssetStatus.READY]
    owner = max(completed, key=_completion, default=None)
    path = named_beside(chain[0].where, filename)
    if owner is None:
        if path is not None and path.is_file():
            message = f"{filename} is on disk but no attempt of it completed; not imported"
            tally.add(Problem.UNCLAIMED_FILE, path, message)
        return
    for attempt in completed:
        if attempt is not owner:
            attempt.file_problem = "lost"
            message = f"{attempt.legacy_id} completed, but its {filename} was overwritten later"
            tally.add(Problem.LOST_VIDEO, attempt.where, message, attempt.legacy_id)
    _locate_file(owner, filename, tally)


def _completion(attempt: PlannedAsset) -> tuple[str, str]:
    return str(attempt.gen.completed_at or attempt.gen.created_at), str(attempt.gen.created_at)


def _locate_file(item: PlannedAsset, filename: Any, tally: Tally) -> None:
    """Point the item at its file beside the index, or flag the file as missing."""
    path = named_beside(item.where, filename)
    if path is not None and path.is_file():
        item.source = path
        return
    item.file_problem = "missing"
    shown = filename if isinstance(filename, str) else "(no filename)"
    message = f"{item.legacy_id}: {shown} is not on disk"
    tally.add(Problem.MISSING_FILE, path or item.where, message, item.legacy_id)


def _stem(filename: Any) -> str:
    """`001-002` of `001-002.mp4`."""
    name = str(filename)
    stem = name.rsplit(".", 1)[0] if "." in name[1:] else name
    return stem or name


def plan_loose_media(folder: LegacyFolder, tally: Tally) -> list[PlannedAsset]:
    """Files of the hard-coded story folder: assets with no metadata at all."""
    planned = []
    for asset_type, path in folder.loose_media():
        relative = path.relative_to(folder.root).as_posix()
        created = _modified(path)
        gen = generation(
            tally,
            path,
            relative,
            (relative, _sha256(path)),
            timed=False,
            type=AssetType(asset_type),
            provider=UNKNOWN,
            model=UNKNOWN,
            name=path.stem,
            created_at=created,
            slot=relative.rsplit(".", 1)[0],
        )
        if gen is None:
            continue
        item = PlannedAsset(Kind(asset_type), gen, relative, path)
        item.source, item.metadata_missing = path, True
        message = f"{relative} has no metadata (provider, model, prompt, time unknown)"
        tally.add(Problem.METADATA_MISSING, path, message, relative)
        planned.append(item)
    return planned


def _modified(path: Path) -> str:
    return utc_timestamp(datetime.fromtimestamp(path.stat().st_mtime, UTC))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()
