"""The `lineage` commands of this package (registered on the main app by lineage.cli):
`import-legacy PATH [--dry-run] [--json]` (its benchmark, `bench-import`, lives in bench/)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Annotated

import typer

from lineage.console import clear_errors, err, out
from lineage.files import LocalFileStore
from lineage.legacy.importer import import_legacy
from lineage.legacy.render import ProgressBar, print_report
from lineage.legacy.report import ImportReport
from lineage.runtime import ensure_database, open_store
from lineage.settings import Settings, get_settings


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main `lineage` app."""
    app.command("import-legacy")(import_legacy_command)


@clear_errors
def import_legacy_command(
    path: Annotated[Path, typer.Argument(help="FliGen's assets/ folder.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would be imported; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Import FliGen's legacy assets/ folder into the graph and the file catalog."""
    settings = get_settings()
    with out.capture() as started:
        ensure_database(settings)
    err.print(started.get().rstrip(), highlight=False)
    report = asyncio.run(_run(settings, path, dry_run))
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print_report(report, out)


async def _run(settings: Settings, path: Path, dry_run: bool) -> ImportReport:
    files = (
        None
        if dry_run
        else LocalFileStore(settings.assets_root, max_bytes=settings.max_upload_bytes)
    )
    async with open_store(settings) as store:
        with ProgressBar(err) as progress:
            return await import_legacy(store, files, path, dry_run=dry_run, progress=progress)
