"""`lineage orphans PROJECT` and `lineage recompute-orphans` on the command line."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Any

import typer
from rich.table import Table

from lineage.assets.models import Asset
from lineage.console import clear_errors, out
from lineage.money import float_of, to_micros
from lineage.orphans.refresh import recompute_all
from lineage.orphans.rules import NOT_ORPHANED, OrphanStatus
from lineage.orphans.service import ORPHANS_ORDER, OrphanService
from lineage.paging import Page
from lineage.runtime import ensure_database, open_store
from lineage.settings import get_settings

PAGE = 500


def orphan_row(asset: Asset, status: OrphanStatus) -> dict[str, Any]:
    return {
        "id": asset.id,
        "type": asset.type.value,
        "slot": asset.slot,
        "state": status.state.value,
        "rootCauses": status.root_causes,
        "depth": min((r.depth for r in status.reasons), default=None),
        "estimatedCost": float_of(to_micros(asset.estimated_cost)),
        "reasons": [
            {"kind": r.kind.value, "rootCause": r.root_cause, "depth": r.depth, "path": r.path}
            for r in status.reasons
        ],
    }


async def project_orphans(project_code: str, root_cause: str | None) -> dict[str, Any]:
    async with open_store(get_settings()) as store:
        service = OrphanService(store)
        assets: list[Asset] = []
        reasons: dict[str, OrphanStatus] = {}
        asked = Page(ORPHANS_ORDER, PAGE)
        while True:  # a page at a time, each with its reasons (derived: a query per page)
            page = await service.page(project_code, root_cause, asked)
            found = page.assets[:PAGE]
            assets.extend(found)
            reasons.update(await service.reads.reasons_of([a.id for a in found]))
            if len(page.assets) <= PAGE:
                break
            asked = Page(ORPHANS_ORDER, PAGE, found[-1].created_at, found[-1].id)
        total = page.total_count
        cost = float_of(await service.cost_micros(project_code, root_cause))
        groups = await service.by_root_cause(project_code)
    return {
        "projectCode": project_code,
        "totalCount": total,
        "estimatedCost": cost,
        "byRootCause": [
            {
                "rootCause": g.root_cause,
                "count": g.count,
                "estimatedCost": float_of(g.estimated_cost_micros),
            }
            for g in groups
        ],
        "orphans": [orphan_row(a, reasons.get(a.id, NOT_ORPHANED)) for a in assets],
    }


def print_table(report: dict[str, Any]) -> None:
    table = Table(title=f"Orphans of {report['projectCode']}")
    for column in ("asset", "type", "state", "root cause(s)", "depth", "cost"):
        table.add_column(column, justify="right" if column in {"depth", "cost"} else "left")
    for row in report["orphans"]:
        table.add_row(
            row["id"],
            row["type"],
            row["state"],
            ", ".join(row["rootCauses"]),
            str(row["depth"] if row["depth"] is not None else "-"),
            f"{row['estimatedCost']:.2f}",
        )
    out.print(table)
    out.print(
        f"{report['totalCount']} orphan(s); redoing them would cost {report['estimatedCost']:.2f}"
    )


def register(app: typer.Typer) -> None:
    """Add `orphans` and `recompute-orphans` to the main app."""

    @app.command()
    @clear_errors
    def orphans(
        project: Annotated[str, typer.Argument(help="Project code, e.g. VSS-001.")],
        root_cause: Annotated[
            str | None, typer.Option(help="Only orphans of this root cause.")
        ] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    ) -> None:
        """Every orphan of a project: why, since where, at what depth and redo cost."""
        report = asyncio.run(project_orphans(project, root_cause))
        if as_json:
            print(json.dumps(report, indent=2, ensure_ascii=False))
        else:
            print_table(report)

    @app.command("recompute-orphans")
    @clear_errors
    def recompute_orphans() -> None:
        """Recompute every asset's orphan state from scratch (after a bulk change)."""
        settings = get_settings()
        ensure_database(settings)

        async def run() -> None:
            async with open_store(settings) as store:
                changes = await recompute_all(store)
            out.print(
                f"orphaned: {len(changes.orphaned)}, restored: {len(changes.restored)}, "
                f"reasons changed: {len(changes.changed)}"
            )

        asyncio.run(run())
