"""The `lineage` commands of this package (registered on the main app by lineage.cli):
`export`, `import`, `archive`, `restore`, `restore-file` and `retention` (`bench-export` lives
in bench/)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from lineage.bundles.exporter import Exporter
from lineage.bundles.importer import ImportReport, import_bundle
from lineage.bundles.models import BundleScope, ScopeKind
from lineage.bundles.render import progress_bar
from lineage.bundles.retention import RetentionPolicy, apply_retention, restore_file
from lineage.bundles.service import ArchiveService, archive_of, export_to_file
from lineage.console import clear_errors, err, out
from lineage.db.store import Store
from lineage.errors import InvalidInputError
from lineage.files import LocalFileStore
from lineage.runtime import ensure_database, open_store
from lineage.settings import Settings, get_settings

T = TypeVar("T")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main `lineage` app."""
    app.command("export")(export_command)
    app.command("import")(import_command)
    app.command("archive")(archive_command)
    app.command("restore")(restore_command)
    app.command("restore-file")(restore_file_command)
    app.command("retention")(retention_command)


def _run(work: Callable[[Settings, Store, LocalFileStore], Awaitable[T]]) -> T:
    """Run `work` on the configured database and catalog (starting the local Neo4j)."""
    settings = get_settings()
    with out.capture() as started:
        ensure_database(settings)
    err.print(started.get().rstrip(), highlight=False)
    files = LocalFileStore(settings.assets_root, max_bytes=settings.max_upload_bytes)

    async def run() -> T:
        async with open_store(settings) as store:
            return await work(settings, store, files)

    return asyncio.run(run())


def _scope(project: str | None, asset: str | None, upstream: bool) -> BundleScope:
    if asset is not None:
        if project is not None or not upstream:
            raise InvalidInputError("give either PROJECT, or --asset ID --upstream")
        return BundleScope(kind=ScopeKind.UPSTREAM, asset_id=asset)
    if project is None:
        raise InvalidInputError("name the PROJECT to export (or --asset ID --upstream)")
    return BundleScope(kind=ScopeKind.PROJECT, project_code=project)


@clear_errors
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="The bundle file to write.")],
    project: Annotated[str | None, typer.Argument(help="The project's code.")] = None,
    asset: Annotated[str | None, typer.Option(help="Export this asset ...")] = None,
    upstream: Annotated[bool, typer.Option(help="... with everything it was built from.")] = False,
) -> None:
    """Export a project (or an asset and its upstream) as one bundle file."""
    scope = _scope(project, asset, upstream)

    async def work(settings: Settings, store: Store, files: LocalFileStore) -> None:
        exporter = Exporter(store, files, archive_of(settings))
        with progress_bar(err) as progress:
            manifest = await export_to_file(exporter, scope, output, progress)
        counts = ", ".join(f"{v} {k}" for k, v in manifest.counts.items())
        out.print(f"Exported to {output}: {counts}", highlight=False)

    _run(work)


@clear_errors
def import_command(
    bundle: Annotated[Path, typer.Argument(help="The bundle file.")],
    as_code: Annotated[
        str | None, typer.Option("--as", help="Import the project under this code.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Import a bundle (checked whole first: a bad one writes nothing)."""
    if not bundle.is_file():
        raise InvalidInputError(f"no bundle file at {bundle}")

    async def work(settings: Settings, store: Store, files: LocalFileStore) -> ImportReport:
        with progress_bar(err) as progress:
            return await import_bundle(store, files, bundle, as_code=as_code, progress=progress)

    _print_report(_run(work).to_json(), as_json)


@clear_errors
def archive_command(
    project: Annotated[str, typer.Argument(help="The project's code.")],
    release_files: Annotated[
        bool, typer.Option(help="Also take its files out of the working catalog.")
    ] = False,
) -> None:
    """Export a project's bundle to the archive and make the project read-only."""

    async def work(settings: Settings, store: Store, files: LocalFileStore) -> None:
        done = await ArchiveService(store, files, archive_of(settings)).archive_project(
            project, release_files
        )
        out.print(f"Archived {project} to {done.bundle}", highlight=False)
        if release_files:
            out.print(f"Released {done.files_released} file(s), {done.bytes_released} bytes")

    _run(work)


@clear_errors
def restore_command(
    project: Annotated[str, typer.Argument(help="The archived project's code.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Bring an archived project back from its bundle (files included); writable again."""

    async def work(settings: Settings, store: Store, files: LocalFileStore) -> ImportReport:
        service = ArchiveService(store, files, archive_of(settings))
        with progress_bar(err) as progress:
            return await service.restore_project(project, progress)

    _print_report(_run(work).to_json(), as_json)


@clear_errors
def restore_file_command(
    asset: Annotated[str, typer.Argument(help="The id of an asset whose file was released.")],
) -> None:
    """Bring an asset's released file back from the archive into the working catalog."""

    async def work(settings: Settings, store: Store, files: LocalFileStore) -> None:
        done = await restore_file(store, files, archive_of(settings), asset)
        out.print(
            f"Restored {done.sha256} ({done.bytes} bytes) for {', '.join(done.asset_ids)}",
            highlight=False,
        )

    _run(work)


@clear_errors
def retention_command(
    older_than_days: Annotated[
        float, typer.Option(help="Only attempts created more than this many days ago.")
    ] = 90.0,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be freed; change nothing.")
    ] = False,
) -> None:
    """Move the files of old superseded attempts nothing live needs to the archive."""

    async def work(settings: Settings, store: Store, files: LocalFileStore) -> None:
        report = await apply_retention(
            store, files, archive_of(settings), RetentionPolicy(older_than_days), dry_run=dry_run
        )
        verb = "Would release" if dry_run else "Released"
        out.print(
            f"{verb} {report.files} file(s) of {len(report.attempts)} attempt(s): "
            f"{report.bytes} bytes ({report.bytes / 2**20:.1f} MiB)"
        )

    _run(work)


def _print_report(report: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(report, indent=2))
        return
    for name, value in report.items():
        out.print(f"{name}: {value}", highlight=False)
