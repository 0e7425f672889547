"""What an import did: counts by kind (created / already present) and every anomaly found.

`Tally` is filled while importing; `ImportReport` is its frozen result, camelCase as JSON.
"""

from __future__ import annotations

import time
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Any

from lineage.models import Model


class Kind(StrEnum):
    """What the importer counts: the nodes it creates, by legacy record kind."""

    PROJECT = "project"
    HUMAN_PROMPT = "humanPrompt"
    TRANSCRIPT = "transcript"
    IMAGE = "image"
    VIDEO = "video"
    MUSIC = "music"
    AUDIO = "audio"


class Problem(StrEnum):
    """The kinds of anomaly a legacy folder can hold."""

    MALFORMED_JSON = "malformedJson"
    MISSING_REQUIRED = "missingRequiredField"
    MISSING_FIELD = "missingField"
    INVALID_VALUE = "invalidValue"
    MISSING_FILE = "missingFile"
    LOST_VIDEO = "lostOverwrittenVideo"
    UNCLAIMED_FILE = "unclaimedFile"
    DANGLING_REFERENCE = "danglingReference"
    BASE64_EXTRACTED = "base64Extracted"
    BASE64_MISMATCH = "base64DiffersFromFile"
    DUPLICATE = "duplicateContent"
    RENAMED_TRACK = "renamedTrack"
    METADATA_MISSING = "metadataMissing"
    UNREADABLE_FILE = "unreadableFile"
    UNINDEXED_FILE = "unindexedFile"
    OUTSIDE_TREE = "linkOutOfTree"


class Anomaly(Model):
    """One thing wrong (or repaired) in the legacy folder."""

    problem: Problem
    path: str
    message: str
    record: str | None = None
    line: int | None = None
    column: int | None = None


class KindCount(Model):
    created: int = 0
    present: int = 0


class ImportReport(Model):
    """The result of one import (or of a dry run, which writes nothing)."""

    root: str
    dry_run: bool
    counts: dict[Kind, KindCount]
    files_stored: int
    files_deduplicated: int
    anomalies: list[Anomaly]
    seconds: float
    phases: dict[str, float] = {}

    @property
    def created(self) -> int:
        return sum(c.created for c in self.counts.values())

    @property
    def present(self) -> int:
        return sum(c.present for c in self.counts.values())

    def problems(self) -> Counter[Problem]:
        return Counter(a.problem for a in self.anomalies)

    def of(self, problem: Problem) -> list[Anomaly]:
        return [a for a in self.anomalies if a.problem is problem]

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True, mode="json")


class Tally:
    """The mutable report under construction."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.created: Counter[Kind] = Counter()
        self.present: Counter[Kind] = Counter()
        self.files_stored = 0
        self.files_deduplicated = 0
        self.anomalies: list[Anomaly] = []
        self.phases: dict[str, float] = {}
        self._shown: dict[Path, str] = {}
        self._clock = time.perf_counter()

    def lap(self, phase: str, excluding: float = 0.0) -> None:
        """Record the seconds spent since the previous lap (less `excluding`) under `phase`."""
        now = time.perf_counter()
        self.phases[phase] = round(now - self._clock - excluding, 3)
        self._clock = now

    def relative(self, path: Path) -> str:
        """A path as shown in the report: relative to the imported folder."""
        shown = self._shown.get(path)
        if shown is None:
            try:
                shown = path.relative_to(self.root).as_posix()
            except ValueError:
                shown = str(path)
            self._shown[path] = shown
        return shown

    def add(
        self,
        problem: Problem,
        path: Path,
        message: str,
        record: str | None = None,
        **position: int | None,
    ) -> None:
        self.anomalies.append(
            Anomaly(
                problem=problem,
                path=self.relative(path),
                message=message,
                record=record,
                **position,
            )
        )

    def finish(self, dry_run: bool, seconds: float) -> ImportReport:
        counts = {
            kind: KindCount(created=self.created[kind], present=self.present[kind]) for kind in Kind
        }
        return ImportReport(
            root=str(self.root),
            dry_run=dry_run,
            counts=counts,
            files_stored=self.files_stored,
            files_deduplicated=self.files_deduplicated,
            anomalies=self.anomalies,
            seconds=round(seconds, 3),
            phases=self.phases,
        )
