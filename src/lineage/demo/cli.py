"""The `lineage demo` commands (registered on the main app by lineage.cli)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from lineage.console import clear_errors, out
from lineage.demo.reset import ResetReport, reset_demo
from lineage.runtime import ensure_database, open_store
from lineage.settings import get_settings

demo_app = typer.Typer(help="The demo data (the sample legacy folder in LINEAGE_ASSETS_ROOT).")


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main `lineage` app."""
    app.add_typer(demo_app, name="demo")


@demo_app.command("reset")
@clear_errors
def reset(
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Restore the demo data as the sample folder has it; other projects are untouched."""
    settings = get_settings()
    if not yes:
        typer.confirm(
            f"Delete the demo data of {settings.assets_root}/ (and what was recorded in "
            "its projects and slots) and import it again?",
            abort=True,
        )
    ensure_database(settings)

    async def run() -> ResetReport:
        async with open_store(settings) as store:
            return await reset_demo(settings, store)

    report = asyncio.run(run())
    out.print(
        f"Demo reset: {report.deleted} nodes deleted, {report.imported.created} created "
        f"from {settings.assets_root}/, {report.links_restored} edge(s) from kept nodes drawn again"
    )
