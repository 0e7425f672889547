"""GraphQL mutations of bundles: archive a project (read-only from then on), restore it,
restore one asset's released file.

All need an `admin` key: archiving can take files out of the working catalog.
"""

from __future__ import annotations

import strawberry

from lineage.api.info import Ctx
from lineage.auth.gql import caller_of
from lineage.auth.models import Scope
from lineage.bundles.retention import restore_file
from lineage.bundles.service import ArchiveService
from lineage.errors import ForbiddenError


@strawberry.type(description="A project after archiveProject or restoreProject.")
class ProjectArchive:
    code: str
    archived: bool
    archived_at: str | None
    bundle: str | None = strawberry.field(description="The bundle's file name in the archive.")
    files_released: int = 0
    bytes_released: int = 0
    nodes_created: int = 0
    files_restored: int = 0


@strawberry.type(description="A released file back in the working catalog.")
class RestoredAssetFile:
    sha256: str
    bytes: int
    asset_ids: list[strawberry.ID] = strawberry.field(
        description="The assets holding these bytes that have their file again."
    )


def _service(info: Ctx) -> ArchiveService:
    caller = caller_of(info.context)
    if caller is None or not caller.may(Scope.ADMIN):
        raise ForbiddenError("archiving and restoring need an 'admin' key")
    return info.context.archives()


@strawberry.type
class BundleMutations:
    @strawberry.mutation(
        description="Export the project's bundle to the archive and make it read-only; "
        "with releaseFiles, also move the files only it uses out of the working catalog."
    )
    async def archive_project(
        self, info: Ctx, code: str, release_files: bool = False
    ) -> ProjectArchive:
        done = await _service(info).archive_project(code, release_files)
        return ProjectArchive(
            code=code,
            archived=True,
            archived_at=done.project.get("archivedAt"),
            bundle=done.bundle.name,
            files_released=done.files_released,
            bytes_released=done.bytes_released,
        )

    @strawberry.mutation(
        description="Bring an archived project back from its bundle (released files "
        "included); it is writable again."
    )
    async def restore_project(self, info: Ctx, code: str) -> ProjectArchive:
        report = await _service(info).restore_project(code)
        return ProjectArchive(
            code=code,
            archived=False,
            archived_at=None,
            bundle=None,
            nodes_created=report.created,
            files_restored=report.files_stored + report.files_deduplicated,
        )

    @strawberry.mutation(
        description="Bring an asset's released file (by retention, or with its archived "
        "project) back from the archive into the working catalog, checked against its "
        "hash, for every asset holding the same bytes."
    )
    async def restore_asset_file(self, info: Ctx, id: strawberry.ID) -> RestoredAssetFile:
        service = _service(info)
        done = await restore_file(service.store, service.files, service.archive, str(id))
        ids = [strawberry.ID(i) for i in done.asset_ids]
        return RestoredAssetFile(sha256=done.sha256, bytes=done.bytes, asset_ids=ids)
