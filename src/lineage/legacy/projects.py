"""Projects, their human prompts and source transcripts, planned as nodes.

Each becomes exactly what `createProject` / `recordPrompt` store (the same models);
a transcript is a human prompt with role `transcript` and its FliHub `segmentId`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lineage.legacy import ids
from lineage.legacy.folder import LegacyFolder
from lineage.legacy.jsonfiles import MalformedJson, read_json
from lineage.legacy.plan import PlannedNode, RecordSpec, checked, read_document
from lineage.legacy.report import Kind, Problem, Tally
from lineage.models import normalize_timestamp
from lineage.projects.models import Project
from lineage.prompts.models import NewPrompt, PromptKind
from lineage.prompts.service import EDGE_FIELDS
from lineage.validation import describe

PROMPT = RecordSpec("human prompt", required=("id", "kind", "text", "createdAt"), listed=())
PROJECT_FILES = ("project.json", "human_prompts.json", "source_transcripts.json")
TRANSCRIPT = RecordSpec(
    "transcript", required=("segmentId", "text", "createdAt"), listed=(), id_field="segmentId"
)


def plan_projects(legacy: LegacyFolder, tally: Tally) -> list[PlannedNode]:
    """Every project, then its prompts and transcripts (a broken file is skipped whole;
    a folder or file that is a link out of the tree is not read)."""
    planned: list[PlannedNode] = []
    for folder in legacy.project_folders():
        if not legacy.admits(folder, tally):
            continue
        inside = {name: legacy.admits(folder / name, tally) for name in PROJECT_FILES}
        project = _project(folder / "project.json", tally) if inside["project.json"] else None
        code = project.code if project else folder.name
        if project:
            planned.append(PlannedNode(Kind.PROJECT, project.to_row()))
        if inside["human_prompts.json"]:
            planned += _prompts(folder / "human_prompts.json", code, tally)
        if inside["source_transcripts.json"]:
            planned += _transcripts(folder / "source_transcripts.json", code, tally)
    return planned


def _project(path: Path, tally: Tally) -> Project | None:
    if not path.is_file():
        tally.add(Problem.MISSING_FILE, path, f"{path.parent.name} has no project.json")
        return None
    try:
        data = read_json(path)
    except MalformedJson as bad:
        tally.add(Problem.MALFORMED_JSON, path, bad.reason, line=bad.line, column=bad.column)
        return None
    spec = RecordSpec(
        "project", ("projectCode", "createdAt", "updatedAt"), ("title",), "projectCode"
    )
    record = checked(data, spec, 0, path, tally)
    if record is None:
        return None
    found = record.get("flihub")
    flihub: dict[str, Any] = found if isinstance(found, dict) else {}
    try:
        return Project(
            code=record["projectCode"],
            title=record.get("title"),
            flihub_chapter_id=flihub.get("chapterId"),
            flihub_segment_ids=flihub.get("segmentIds") or [],
            created_at=normalize_timestamp(str(record["createdAt"])),
            updated_at=normalize_timestamp(str(record["updatedAt"])),
        )
    except (ValidationError, ValueError) as exc:
        reason = describe(exc) if isinstance(exc, ValidationError) else str(exc)
        tally.add(Problem.INVALID_VALUE, path, f"project: {reason}; skipped")
        return None


def _prompts(path: Path, code: str, tally: Tally) -> list[PlannedNode]:
    records = read_document(path, "prompts", tally) if path.is_file() else []
    if records is None:
        return []
    planned = []
    for position, raw in enumerate(records):
        record = checked(raw, PROMPT, position, path, tally)
        node = record and _prompt(
            path,
            tally,
            code,
            record["id"],
            text=record["text"],
            role=record["kind"],
            created_at=record["createdAt"],
        )
        if node:
            planned.append(node)
    return planned


def _transcripts(path: Path, code: str, tally: Tally) -> list[PlannedNode]:
    records = read_document(path, "transcripts", tally) if path.is_file() else []
    if records is None:
        return []
    planned = []
    for position, raw in enumerate(records):
        record = checked(raw, TRANSCRIPT, position, path, tally)
        node = record and _prompt(
            path,
            tally,
            code,
            record["segmentId"],
            text=record["text"],
            role="transcript",
            created_at=record["createdAt"],
        )
        if record and node:
            node.kind = Kind.TRANSCRIPT
            node.row["segmentId"] = record["segmentId"]
            planned.append(node)
    return planned


def _prompt(
    path: Path, tally: Tally, code: str, legacy_id: Any, **fields: Any
) -> PlannedNode | None:
    """A human prompt exactly as recordPrompt stores it, with a deterministic id."""
    try:
        new = NewPrompt(kind=PromptKind.HUMAN, project_code=code, **fields)
    except ValidationError as exc:
        tally.add(
            Problem.INVALID_VALUE, path, f"{legacy_id}: {describe(exc)}; skipped", str(legacy_id)
        )
        return None
    prompt_id = ids.prompt_id(str(new.created_at), code, str(fields["role"]), str(legacy_id))
    row = new.model_copy(update={"id": prompt_id}).model_dump(
        by_alias=True, mode="json", exclude=EDGE_FIELDS
    )
    return PlannedNode(Kind.HUMAN_PROMPT, {**row, "legacyId": str(legacy_id)}, code)
