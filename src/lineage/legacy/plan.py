"""What the importer means to write: assets and prompts planned from legacy records.

A planned asset is a `NewGeneration` (the API's own input model, so validation and
the node's properties are exactly the API's) plus where its bytes come from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lineage.assets.models import NewGeneration
from lineage.assets.params import ParamsLimits, check_params
from lineage.assets.repository import asset_row
from lineage.assets.slots import NO_PROJECT, slot_key
from lineage.errors import InvalidInputError
from lineage.files import StoredFile
from lineage.generations.service import with_file
from lineage.legacy import ids
from lineage.legacy.jsonfiles import MAX_DEPTH, MAX_RECORD_BYTES, MalformedJson, read_json
from lineage.legacy.report import Kind, Problem, Tally
from lineage.models import normalize_timestamp
from lineage.validation import describe

# Values the graph cannot hold (NaN, Infinity, integers past 64 bits) skip a record; its
# size and nesting are bounded by the reader already (the API's stricter limits are for
# clients, not for the studio's own files).
LEGACY_PARAMS = ParamsLimits(max_bytes=MAX_RECORD_BYTES, max_depth=MAX_DEPTH)


@dataclass(frozen=True)
class RecordSpec:
    """The fields of one legacy record kind: which it cannot do without, which it lists."""

    noun: str
    required: tuple[str, ...]
    listed: tuple[str, ...]
    id_field: str = "id"


@dataclass(frozen=True)
class FrameLink:
    """A video's frame: the image asset, its role (`start` | `end`) and position."""

    asset_id: str
    role: str
    position: int = 0


@dataclass
class PlannedAsset:
    kind: Kind
    gen: NewGeneration
    legacy_id: str
    where: Path
    source: Path | None = None
    inline: bool = False
    file_problem: str | None = None
    metadata_missing: bool = False
    frames: list[FrameLink] = field(default_factory=list)
    position: int = -1
    namespace: str = NO_PROJECT  # of its slot: the import sets its tree's

    @property
    def id(self) -> str:
        return str(self.gen.id)

    @property
    def slot(self) -> str:
        return str(self.gen.slot)

    @property
    def slot_key(self) -> str:
        return slot_key(self.namespace, self.slot)

    @property
    def has_bytes(self) -> bool:
        """Whether a file is to be stored for it (copied, or decoded from the index)."""
        return self.inline or self.source is not None

    def attach(self, stored: StoredFile) -> None:
        """Take the stored file's facts, as `recordGeneration(fileRef)` does."""
        self.gen = with_file(self.gen, stored).model_copy(update={"file_ref": stored.ref})

    def row(self, version: int) -> dict[str, Any]:
        """The node's properties: the API's `asset_row` plus the legacy facts. Nulls are
        left out (a node stores none): most of a legacy record's fields are empty, and
        every row is sent to Neo4j and parsed there."""
        row = {
            k: v for k, v in asset_row(self.gen, self.slot_key, version).items() if v is not None
        }
        row["legacyId"] = self.legacy_id
        if self.file_problem:
            row["fileMissing"] = True
            row["fileProblem"] = self.file_problem
        if self.metadata_missing:
            row["metadataMissing"] = True
        return row


@dataclass
class PlannedNode:
    """A project or prompt node: its properties and the project it belongs to."""

    kind: Kind
    row: dict[str, Any]
    project_code: str | None = None

    @property
    def id(self) -> str:
        return str(self.row["id"])


def label_of(record: dict[str, Any], spec: RecordSpec, position: int) -> str:
    value = record.get(spec.id_field)
    return value if isinstance(value, str) and value else f"{spec.noun} #{position + 1}"


def checked(
    record: Any, spec: RecordSpec, position: int, where: Path, tally: Tally
) -> dict[str, Any] | None:
    """The record when it has every required field (else reported and None);
    listed fields that are missing or null are reported, never fatal."""
    if not isinstance(record, dict):
        found = type(record).__name__
        tally.add(Problem.INVALID_VALUE, where, f"{spec.noun} #{position + 1} is a {found}")
        return None
    label = label_of(record, spec, position)
    missing = [name for name in spec.required if record.get(name) in (None, "")]
    if missing:
        tally.add(
            Problem.MISSING_REQUIRED,
            where,
            f"{spec.noun} {label} lacks {', '.join(missing)}; skipped",
            record=label,
        )
        return None
    for name in spec.listed:
        if record.get(name) is None and name not in spec.required:
            tally.add(Problem.MISSING_FIELD, where, f"{spec.noun} {label} has no {name}", label)
    return record


def generation(
    tally: Tally,
    where: Path,
    label: str,
    identity: tuple[str, ...],
    *,
    timed: bool = True,
    **fields: Any,
) -> NewGeneration | None:
    """A validated NewGeneration whose id derives from `identity` (and the creation time
    when `timed`), or None with the reason reported (the record is skipped)."""
    try:
        created = normalize_timestamp(str(fields["created_at"]))
        asset_id = ids.asset_id(fields["type"], created if timed else None, *identity)
        gen = NewGeneration(id=asset_id, **fields)
        check_params(gen.params, LEGACY_PARAMS)
        return gen
    except InvalidInputError as exc:
        reason = exc.message
    except ValidationError as exc:
        reason = describe(exc)
    except ValueError as exc:
        reason = f"createdAt: {exc}"
    tally.add(Problem.INVALID_VALUE, where, f"{label}: {reason}; skipped", label)
    return None


def params_of(record: dict[str, Any], mapped: frozenset[str]) -> dict[str, Any]:
    """Every field the node does not hold as its own property, kept whole."""
    return {key: value for key, value in record.items() if key not in mapped}


def read_document(path: Path, key: str, tally: Tally) -> list[Any] | None:
    """The list under `key` of a JSON file; None (reported) when it cannot be read."""
    try:
        data = read_json(path)
    except MalformedJson as bad:
        tally.add(Problem.MALFORMED_JSON, path, bad.reason, line=bad.line, column=bad.column)
        return None
    records = data.get(key) if isinstance(data, dict) else None
    if not isinstance(records, list):
        tally.add(Problem.INVALID_VALUE, path, f"expected an object with a {key!r} list")
        return None
    return records
