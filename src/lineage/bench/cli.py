"""The `lineage` commands of this package (registered on the main app by lineage.cli)."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from lineage.bench.database import (
    WipeOk,
    bench_database,
    lineage_bench_settings,
    story_bench_settings,
)
from lineage.console import clear_errors, err, out
from lineage.errors import InvalidInputError
from lineage.settings import get_settings


def register(app: typer.Typer) -> None:
    """Add this package's commands to the main `lineage` app."""
    from lineage.bench.export import bench_export
    from lineage.bench.imports import bench_import

    app.command("bench")(bench)
    app.command("bench-orphans")(bench_orphans)
    app.command("bench-import")(bench_import)
    app.command("bench-export")(bench_export)
    app.command("bench-floor")(bench_floor)
    app.command("bench-story")(bench_story)


@clear_errors
def bench(
    assets: Annotated[int, typer.Option(help="Assets in the generated graph.")] = 100_000,
    runs: Annotated[int, typer.Option(help="Measured starts (each direction, both sides).")] = 200,
    depth: Annotated[int, typer.Option(help="Depth of the lineage query.")] = 5,
    seed: Annotated[int, typer.Option(help="Seed of the generated graph and the starts.")] = 1,
    warmup: Annotated[int, typer.Option(help="Unmeasured starts run first.")] = 20,
    json_output: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    wipe_ok: WipeOk = False,
) -> None:
    """Time lineage(depth 5) through the GraphQL API against the same traversal via the driver.

    The graph is generated once (then reused) in a dedicated local Neo4j on bolt port 7689.
    With NEO4J_URI set it refuses, unless --wipe-ok: it wipes that database.
    """
    from lineage.bench.run import BenchOptions, run_bench

    log = err if json_output else out
    options = BenchOptions(assets=assets, runs=runs, depth=depth, seed=seed, warmup=warmup)
    with bench_database(wipe_ok, lineage_bench_settings(), log) as settings:
        report = asyncio.run(run_bench(settings, options, log.print))
    if json_output:
        print(json.dumps(report.to_json(), indent=2))
    else:
        report.render(out)


@clear_errors
def bench_orphans(
    assets: Annotated[int, typer.Option(help="Assets in the generated graph.")] = 1_000_000,
    runs: Annotated[int, typer.Option(help="Measured runs of each change and page.")] = 50,
    recompute_runs: Annotated[
        int, typer.Option(min=1, help="Warm runs of the full recomputation (each side).")
    ] = 5,
    cold_runs: Annotated[
        int,
        typer.Option(
            min=1,
            help="Cold runs of the full recomputation (each side, each after a restart, or "
            "after emptying the query caches of a database the bench may not restart).",
        ),
    ] = 3,
    seed: Annotated[int, typer.Option(help="Seed of the generated graph.")] = 1,
    hub_dependants: Annotated[
        int | None,
        typer.Option(help="Live dependants of each hub (default: one per 1,000 assets, ≤1,000)."),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    wipe_ok: WipeOk = False,
) -> None:
    """Time orphan detection through the API against the plainest Cypher, in the same run.

    Full recomputation (cold: the p50 of --cold-runs first runs of each side, each after a
    restart of the bench Neo4j, or of the local instance of `lineage db start` that
    NEO4J_URI names; and warm); regeneration,
    revert and archive with their orphan updates, of used images and of a hub with ~1,000
    dependants (--hub-dependants); a page of orphans. On a generated graph (reused when
    present) in the dedicated bench Neo4j.
    """
    from lineage.bench.orphan_recompute import restartable
    from lineage.bench.orphans import OrphanBenchOptions, run_orphan_bench

    log = err if json_output else out
    with bench_database(wipe_ok, lineage_bench_settings(), log) as settings:
        restart = restartable(get_settings())  # restarted when cold
        options = OrphanBenchOptions(
            assets=assets,
            seed=seed,
            runs=runs,
            recompute_runs=recompute_runs,
            restart=restart,
            hub_dependants=hub_dependants,
            cold_runs=cold_runs,
        )
        report = asyncio.run(run_orphan_bench(settings, options, log.print))
    if json_output:
        print(json.dumps(report, indent=2))
        return
    table = Table(title=f"Orphan detection on {report['assets']:,} assets")
    columns = ("measure", "API p50", "API p95", "plain p50", "plain p95", "ratio p50", "ratio p95")
    for column in columns:
        table.add_column(column, justify="left" if column == "measure" else "right")
    for row in report["results"]:
        api, plain = row["api"], row["plain"]
        table.add_row(
            row["measure"],
            f"{api['p50']:.2f}",
            f"{api['p95']:.2f}",
            f"{plain['p50']:.2f}",
            f"{plain['p95']:.2f}",
            f"{row['ratioP50']:.2f}x" if row["ratioP50"] else "-",
            f"{row['ratioP95']:.2f}x" if row["ratioP95"] else "-",
        )
    out.print(table)
    for row in report["results"]:
        for note in row["notes"]:
            out.print(f"{row['measure']}: {note}", highlight=False)


@clear_errors
def bench_floor(
    runs: Annotated[int, typer.Option(help="Measured requests to each side.")] = 2_000,
    wipe_ok: WipeOk = False,
) -> None:
    """Time `{ __typename }` through Lineage against a bare Starlette app serving
    strawberry's view of the same schema (the issue's aim: at most 1.5x)."""
    from lineage.bench.floor import floor_table, run_floor_bench

    if runs < 1:
        raise InvalidInputError("--runs must be at least 1")
    with bench_database(wipe_ok, story_bench_settings(), out) as settings:
        result = asyncio.run(run_floor_bench(settings, runs))
    out.print(floor_table(result))


@clear_errors
def bench_story(
    large: Annotated[int, typer.Option(help="Assets in the large project.")] = 100_000,
    small: Annotated[int, typer.Option(help="About the assets in the small project.")] = 1_000,
    runs: Annotated[int, typer.Option(help="Measured runs of every page on every side.")] = 100,
    warmup: Annotated[int, typer.Option(help="Unmeasured runs first.")] = 20,
    floor_runs: Annotated[int, typer.Option(help="Measured { __typename } requests.")] = 2_000,
    seed: Annotated[int, typer.Option(help="Seed of the generated graph.")] = 1,
    words: Annotated[str, typer.Option(help="The catalog search page's words.")] = (
        "lighthouse watercolor"
    ),
    json_output: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    wipe_ok: WipeOk = False,
) -> None:
    """Time Story Builder's pages through Lineage, @neo4j/graphql and one Cypher query.

    The graph is generated once (then reused) in a dedicated local Neo4j on bolt port 7730;
    the peer (npm, pinned) is installed into .lineage/bench-peer/ on first use.
    """
    from lineage.bench.story import StoryOptions, load_line, run_story_bench, story_table

    log = err if json_output else out
    options = StoryOptions(large, small, runs, warmup, floor_runs, seed, words)
    with bench_database(wipe_ok, story_bench_settings(), log) as settings:
        report = asyncio.run(run_story_bench(settings, options, log.print))
    if json_output:
        print(json.dumps(report.to_json(), indent=2))
        return
    wide = Console(width=max(out.width, 130))  # a row per page, even in an 80-column pipe
    wide.print(story_table(report))
    out.print(load_line(report), highlight=False)
