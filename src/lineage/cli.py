"""The `lineage` command: serve, db start|stop|status|migrate, and the tools.

Every `LineageError` becomes one clear line on stderr and exit code 1;
`--debug` shows the traceback instead.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated

import typer

from lineage.auth import cli as auth_cli
from lineage.bench import cli as bench_cli
from lineage.bundles import cli as bundles_cli
from lineage.console import clear_errors, out, set_debug
from lineage.db.driver import neo4j_uri
from lineage.demo import cli as demo_cli
from lineage.explorers import cli as explorers_cli
from lineage.files import cli as files_cli
from lineage.legacy import cli as legacy_cli
from lineage.localdb.server import LocalNeo4j
from lineage.orphans import cli as orphans_cli
from lineage.runtime import ensure_database, open_store, prepare_database
from lineage.settings import Settings, get_settings

app = typer.Typer(help="Lineage: FliGen's asset lineage service.", no_args_is_help=True)
db_app = typer.Typer(help="The Neo4j behind Lineage (local server management, schema).")
app.add_typer(db_app, name="db")
for package_cli in (
    orphans_cli,
    legacy_cli,
    files_cli,
    bench_cli,
    auth_cli,
    explorers_cli,
    demo_cli,
    bundles_cli,
):
    package_cli.register(app)


@app.callback()
def main(debug: Annotated[bool, typer.Option(help="Show tracebacks.")] = False) -> None:
    set_debug(debug)


@app.command()
@clear_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Interface to bind.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to bind.")] = None,
) -> None:
    """Serve the API (GraphQL at /graphql); starts the local Neo4j when needed."""
    import uvicorn

    from lineage.app import create_app
    from lineage.auth.dev import dev_key_for_serve

    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    settings = settings.model_copy(update={"host": host, "port": port})  # for Neo4j Browser
    ensure_database(settings)
    import_demo(settings)
    dev_token = dev_key_for_serve(settings)
    out.print(f"GraphiQL: http://{host}:{port}/graphql")
    uvicorn.run(create_app(settings, dev_token), host=host, port=port, log_level="info")


def import_demo(settings: Settings) -> None:
    """On a graph without projects, import the assets/ folder so the demo opens on real data."""
    from lineage.legacy.demo import import_demo_if_empty
    from lineage.legacy.report import ImportReport

    async def imported() -> ImportReport | None:
        async with open_store(settings) as store:
            return await import_demo_if_empty(settings, store)

    report = asyncio.run(imported())
    if report is not None:
        out.print(f"Demo: imported {settings.assets_root}/ ({report.created} nodes created)")


@db_app.command("start")
@clear_errors
def db_start() -> None:
    """Start the local Neo4j (provisioning it on first use); a running one is reused."""
    status = LocalNeo4j(get_settings()).start()
    out.print(f"running: pid {status.pid}, Neo4j {status.version}")
    out.print(f"bolt: {status.bolt_uri}   browser: {status.browser_url}")


@db_app.command("stop")
@clear_errors
def db_stop() -> None:
    """Stop the local Neo4j."""
    stopped = LocalNeo4j(get_settings()).stop()
    out.print("stopped" if stopped else "not running")


@db_app.command("status")
@clear_errors
def db_status() -> None:
    """Whether the local Neo4j runs, where, and which version (or the configured server)."""
    settings = get_settings()
    if not settings.uses_local_neo4j:
        out.print(f"configured server: {neo4j_uri(settings)} (NEO4J_URI); not managed here")
        return
    status = LocalNeo4j(settings).status()
    if not status.running:
        out.print(f"not running (home: {status.home})")
        raise typer.Exit(3)
    out.print(f"running: pid {status.pid}, Neo4j {status.version}, home {status.home}")
    out.print(f"bolt: {status.bolt_uri}   http: {status.http_url}")
    out.print(f"browser: {status.browser_url}")


@db_app.command("migrate")
@clear_errors
def db_migrate() -> None:
    """Apply the schema migrations (idempotent)."""
    applied = asyncio.run(prepare_database(get_settings()))
    out.print(
        f"applied {len(applied)} new migration(s)" + (": " + ", ".join(applied) if applied else "")
    )


@app.command()
@clear_errors
def check() -> None:
    """Check the graph's invariants (version chains, current versions, orphan state).

    Exit code: 0 sound, 2 problems found (one line each), 1 error.
    """
    from lineage.integrity import check_integrity

    async def run() -> list[str]:
        async with open_store(get_settings()) as store:
            return await check_integrity(store)

    problems = asyncio.run(run())
    for problem in problems:
        out.print(problem, highlight=False, soft_wrap=True)
    out.print(f"{len(problems)} problem(s)" if problems else "the graph is sound")
    if problems:
        raise typer.Exit(2)


@app.command("export-schema")
def export_schema() -> None:
    """Print the GraphQL schema (SDL), as committed in schema.graphql."""
    from lineage.api.schema import schema

    print(schema.as_str())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
