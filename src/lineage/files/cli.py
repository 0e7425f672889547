"""The `lineage` commands of this package (registered on the main app by lineage.cli).

`lineage verify [--json] [--project CODE]` exits 0 when every stored file is intact,
2 when any is missing or corrupt, 1 on an error (e.g. Neo4j unreachable).
"""

from __future__ import annotations

import asyncio
from contextlib import nullcontext
from typing import Annotated

import typer
from rich.table import Table

from lineage.console import clear_errors, out
from lineage.files.store import LocalFileStore
from lineage.files.verify import VerifyReport, verify_catalog
from lineage.runtime import ensure_database, open_store
from lineage.settings import Settings, get_settings

PROBLEMS_FOUND = 2


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main `lineage` app."""
    app.command("verify")(verify)


@clear_errors
def verify(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON (camelCase) on stdout.")
    ] = False,
    project: Annotated[
        str | None, typer.Option("--project", metavar="CODE", help="Only this project's assets.")
    ] = None,
) -> None:
    """Check every asset's stored file (exists, SHA-256 matches); mark broken ones.

    Sets fileMissing, fileProblem ('missing' or 'corrupt') and fileCheckedAt on each.

    Exit code: 0 all files intact, 2 problems found, 1 error.
    """
    settings = get_settings()
    with out.capture() if as_json else nullcontext():
        ensure_database(settings)
    report = asyncio.run(_run(settings, project))
    if as_json:
        print(report.model_dump_json(by_alias=True, indent=2))
    else:
        show(report)
    if not report.all_fine:
        raise typer.Exit(PROBLEMS_FOUND)


async def _run(settings: Settings, project: str | None) -> VerifyReport:
    files = LocalFileStore(settings.assets_root, max_bytes=settings.max_upload_bytes)
    async with open_store(settings) as store:
        return await verify_catalog(store, files, project)


def show(report: VerifyReport) -> None:
    """The problems as a table, then one summary line."""
    if report.problems:
        table = Table("asset", "project", "problem", title="Broken files")
        table.add_column("file", overflow="fold")
        table.add_column("detail")
        for issue in report.problems:
            table.add_row(
                issue.asset_id, issue.project_code or "", issue.problem, issue.ref, issue.detail
            )
        out.print(table)
    rate = report.checked / report.seconds if report.seconds else 0.0
    line = (
        f"checked {report.checked} file(s) in {report.seconds:.2f} s ({rate:.0f}/s): "
        f"{report.ok} intact, {report.missing} missing, {report.corrupt} corrupt"
    )
    if report.skipped_lost:
        line += f"; {report.skipped_lost} legacy asset(s) with a lost file left as they are"
    if report.file_missing_changed:
        line += f"; {len(report.file_missing_changed)} asset(s) changed state"
    out.print(line, highlight=False, soft_wrap=True)
