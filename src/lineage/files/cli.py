"""The `lineage` commands of this package (registered on the main app by lineage.cli).

`lineage verify [--json] [--project CODE] [--gc [--gc-grace SECONDS]]` exits 0 when
every stored file is intact, 2 when any is missing or corrupt, 1 on an error (e.g.
Neo4j unreachable); `--gc` also removes the catalog files no asset names, and the
previews and waveforms of files no longer stored.
"""

from __future__ import annotations

import asyncio
import json
from contextlib import nullcontext
from typing import Annotated

import typer
from rich.table import Table

from lineage.console import clear_errors, out
from lineage.files.gc import DEFAULT_GRACE_SECONDS, GarbageReport, collect_garbage
from lineage.files.store import LocalFileStore
from lineage.files.verify import VerifyReport, verify_catalog
from lineage.orphans.refresh import refresh_in
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
    gc: Annotated[
        bool, typer.Option("--gc", help="Also remove catalog files no asset names.")
    ] = False,
    grace: Annotated[
        float, typer.Option("--gc-grace", metavar="SECONDS", help="Keep younger files.")
    ] = DEFAULT_GRACE_SECONDS,
) -> None:
    """Check every asset's stored file (exists, SHA-256 matches); mark broken ones.

    Sets fileMissing, fileProblem ('missing' or 'corrupt') and fileCheckedAt on each.
    With --gc, also removes the catalog files no asset names that were stored over
    --gc-grace seconds ago (a day), and lists them with their sizes; then the previews
    and waveforms made from files no longer stored.

    Exit code: 0 all files intact, 2 problems found, 1 error.
    """
    settings = get_settings()
    with out.capture() if as_json else nullcontext():
        ensure_database(settings)
    report, garbage = asyncio.run(_run(settings, project, grace if gc else None))
    if as_json:
        print(_as_json(report, garbage))
    else:
        show(report)
        if garbage is not None:
            show_garbage(garbage)
    if not report.all_fine:
        raise typer.Exit(PROBLEMS_FOUND)


async def _run(
    settings: Settings, project: str | None, grace: float | None
) -> tuple[VerifyReport, GarbageReport | None]:
    files = LocalFileStore(settings.assets_root, max_bytes=settings.max_upload_bytes)
    async with open_store(settings) as store:
        report = await verify_catalog(store, files, project, refresh=refresh_in)
        garbage = None if grace is None else await collect_garbage(store, files, grace)
    return report, garbage


def _as_json(report: VerifyReport, garbage: GarbageReport | None) -> str:
    if garbage is None:
        return report.model_dump_json(by_alias=True, indent=2)
    both = {
        "verify": report.model_dump(by_alias=True, mode="json"),
        "garbage": garbage.model_dump(by_alias=True, mode="json"),
    }
    return json.dumps(both, indent=2)


def show_garbage(garbage: GarbageReport) -> None:
    """The removed files as a table, then one summary line."""
    if garbage.removed:
        table = Table("file", "bytes", "age (s)", title="Removed: stored, named by no asset")
        for item in garbage.removed:
            table.add_row(item.ref, f"{item.size_bytes:,}", f"{item.age_seconds:,.0f}")
        out.print(table)
    out.print(
        f"removed {len(garbage.removed)} unnamed file(s), {garbage.bytes_removed:,} bytes; "
        f"{garbage.unnamed_within_grace} younger than {garbage.grace_seconds:,.0f} s kept; "
        f"{garbage.derived_removed} preview(s) or waveform(s) of removed files, "
        f"{garbage.derived_bytes_removed:,} bytes",
        highlight=False,
        soft_wrap=True,
    )


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
