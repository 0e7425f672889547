"""Exports to a file, and archiving and restoring projects.

Archiving exports the project's bundle into the archive location (written whole
under a temporary name, then renamed), then marks the project archived: from
then on every write to it is refused (`ProjectArchivedError`). With
`release_files`, the files only the project uses move from the working catalog
to the archive (marked released first, copied, then removed: a file is always in
one place or the other). Restoring imports the archived bundle back, which
stores the released files again and relinks them, then lifts the mark.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from pathlib import Path

from lineage.bundles.exporter import Exporter, write_tar
from lineage.bundles.filearchive import FileArchive
from lineage.bundles.importer import ImportReport, import_bundle
from lineage.bundles.models import BundleScope, Manifest, ScopeKind
from lineage.bundles.repository import BundleRepository
from lineage.db.store import Row, Store
from lineage.errors import InvalidInputError, NotFoundError
from lineage.files import FileStore
from lineage.legacy.storing import NoProgress, Progress
from lineage.models import utc_timestamp
from lineage.projects.errors import ProjectArchivedError
from lineage.settings import Settings


def archive_of(settings: Settings) -> FileArchive:
    return FileArchive(settings.archive_root or settings.assets_root / "archive")


async def export_to_file(
    exporter: Exporter, scope: BundleScope, target: Path, progress: Progress | None = None
) -> Manifest:
    """Write the scope's bundle to `target` (whole, or not at all): its files while the
    graph is read, then the rest."""
    progress = progress or NoProgress()
    partial = target.with_name(f".{target.name}.partial")
    try:
        with partial.open("wb", buffering=0) as sink:
            prepared = await exporter.prepare(scope, progress, sink.fileno())
            try:
                progress.begin("bytes", prepared.size)
                progress.advance(prepared.files_written)
                await asyncio.to_thread(write_tar, prepared, sink.fileno(), progress)
            finally:
                prepared.close()
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return prepared.manifest


@dataclass(frozen=True)
class Archived:
    project: Row
    bundle: Path
    manifest: Manifest
    files_released: int
    bytes_released: int


class ArchiveService:
    def __init__(self, store: Store, files: FileStore, archive: FileArchive) -> None:
        self.store = store
        self.files = files
        self.archive = archive
        self.repository = BundleRepository(store)

    async def archive_project(self, code: str, release_files: bool = False) -> Archived:
        project = await self._project(code)
        if project.get("archived"):
            raise ProjectArchivedError(f"project {code!r} is archived already")
        bundle = self.archive.bundle_path(code)
        bundle.parent.mkdir(parents=True, exist_ok=True)
        exporter = Exporter(self.store, self.files, self.archive)
        scope = BundleScope(kind=ScopeKind.PROJECT, project_code=code)
        manifest = await export_to_file(exporter, scope, bundle)
        marked = await self._mark(code, archived=True, bundle=bundle.name)
        released = await self._release(code) if release_files else []
        count, size = len(released), sum(int(row["bytes"] or 0) for row in released)
        return Archived(marked, bundle, manifest, count, size)

    async def restore_project(self, code: str, progress: Progress | None = None) -> ImportReport:
        bundle = self.archive.bundle_path(code)
        if not bundle.is_file():
            raise NotFoundError(f"no archived bundle of project {code!r} ({bundle.name})")
        project = await self.repository.find_project(code)
        if project is not None and not project.get("archived"):
            raise InvalidInputError(f"project {code!r} is not archived")
        report = await import_bundle(
            self.store, self.files, bundle, restoring=True, progress=progress
        )
        await self._mark(code, archived=False, bundle=None)
        return report

    async def _project(self, code: str) -> Row:
        project = await self.repository.find_project(code)
        if project is None:
            raise NotFoundError(f"no project with code {code!r}")
        return project

    async def _mark(self, code: str, *, archived: bool, bundle: str | None) -> Row:
        [row] = await self.store.write(
            "bundles/set_archived", code=code, archived=archived, at=utc_timestamp(), bundle=bundle
        )
        project: Row = row["project"]
        return project

    async def _release(self, code: str) -> list[Row]:
        rows = await self.store.write(
            "bundles/release_project_files", code=code, release=True, at=utc_timestamp()
        )
        await release_files(self.files, self.archive, rows)
        return rows


async def release_files(files: FileStore, archive: FileArchive, rows: list[Row]) -> None:
    """Move the released files (rows: sha256, fileRef) from the catalog to the archive."""
    for row in rows:
        with contextlib.suppress(FileNotFoundError):
            source = files.local_path(row["fileRef"])
            await asyncio.to_thread(archive.keep, row["sha256"], source)
            await asyncio.to_thread(source.unlink)
