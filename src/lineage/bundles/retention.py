"""Retention: the files of old, superseded attempts leave the working catalog.

An attempt's file is released when the attempt is older than the policy's age,
no longer live (ready but superseded, failed or archived), pinned by no edge,
upstream of nothing live at any depth, outside archived projects, and every
asset holding the same bytes qualifies too (`cypher/bundles/release_old_attempt_files`).
Its node and hash stay (history stays whole); the file moves to the archive,
from which an export, an import or a restore reads it. A dry run reports the
same files and bytes and changes nothing. `restore_file` brings one asset's
released file back from the archive (with every asset sharing its bytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lineage.bundles.errors import InvalidBundleError
from lineage.bundles.filearchive import FileArchive
from lineage.bundles.repository import BundleRepository
from lineage.bundles.service import release_files
from lineage.db.store import Row, Store
from lineage.errors import InvalidInputError, NotFoundError
from lineage.files import FileClaim, FileStore
from lineage.files.models import AssetType
from lineage.models import utc_timestamp
from lineage.projects.readonly import refuse_if_archived


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


@dataclass(frozen=True)
class RestoredFile:
    sha256: str
    bytes: int
    asset_ids: list[str]  # the assets that have their file again


async def restore_file(
    store: Store, files: FileStore, archive: FileArchive, asset_id: str
) -> RestoredFile:
    """Store the asset's released file again from the archive (checked against its
    hash) and give it back to every released asset holding the same bytes."""
    row = await _released(store, asset_id)
    kept = archive.file_path(row["sha256"])
    if not kept.is_file():
        raise NotFoundError(f"the archive has no file {row['sha256']} (of asset {asset_id!r})")
    claim = FileClaim(AssetType(row["type"]), str(row["provider"]), str(row["model"]))
    stored = await files.copy_from_path(kept, claim, within=archive.files)
    if stored.sha256 != row["sha256"]:
        raise InvalidBundleError(
            f"the archive's file {row['sha256']} now has SHA-256 {stored.sha256}: "
            f"asset {asset_id!r} keeps its file released"
        )
    place = {"fileRef": stored.ref, "filename": stored.filename, "url": stored.url}
    await BundleRepository(store).place_files([{"id": i} | place for i in row["holders"]])
    return RestoredFile(stored.sha256, stored.size_bytes, row["holders"])


async def _released(store: Store, asset_id: str) -> Row:
    """The asset of a released file (NotFoundError, InvalidInputError, ProjectArchivedError)."""
    rows = await store.read("bundles/find_released_file", id=asset_id)
    if not rows:
        raise NotFoundError(f"no asset with id {asset_id!r}")
    row = rows[0]
    if not row["sha256"]:
        raise InvalidInputError(f"asset {asset_id!r} has no file")
    refuse_if_archived(row["projectCode"], row["archived"])
    if not row["released"]:
        raise InvalidInputError(f"the file of asset {asset_id!r} is in the catalog already")
    return row
