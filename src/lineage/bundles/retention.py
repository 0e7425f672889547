"""Retention: the files of old, superseded attempts leave the working catalog.

An attempt's file is released when the attempt is older than the policy's age,
no longer live (ready but superseded, failed or archived), pinned by no edge,
upstream of nothing live at any depth, outside archived projects, and every
asset holding the same bytes qualifies too (`cypher/bundles/release_old_attempt_files`).
Its node and hash stay (history stays whole); the file moves to the archive,
from which an export, an import or a restore reads it. A dry run reports the
same files and bytes and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lineage.bundles.filearchive import FileArchive
from lineage.bundles.service import release_files
from lineage.db.store import Store
from lineage.files import FileStore
from lineage.models import utc_timestamp


@dataclass(frozen=True)
class RetentionPolicy:
    older_than_days: float = 90.0

    def cutoff(self, now: datetime) -> str:
        return utc_timestamp(now - timedelta(days=self.older_than_days))


@dataclass(frozen=True)
class RetentionReport:
    dry_run: bool
    files: int
    bytes: int
    attempts: list[str]


async def apply_retention(
    store: Store,
    files: FileStore,
    archive: FileArchive,
    policy: RetentionPolicy,
    *,
    dry_run: bool,
    now: datetime | None = None,
) -> RetentionReport:
    """Release (or, in a dry run, list) the files the policy lets go."""
    before = policy.cutoff(now or datetime.now(UTC))
    rows = await store.write(
        "bundles/release_old_attempt_files", before=before, release=not dry_run, at=utc_timestamp()
    )
    if not dry_run:
        await release_files(files, archive, rows)
    attempts = sorted(i for row in rows for i in row["ids"])
    size = sum(int(row["bytes"] or 0) for row in rows)
    return RetentionReport(dry_run, len(rows), size, attempts)
