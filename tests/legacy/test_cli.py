"""`lineage import-legacy` through typer, against the test Neo4j (settings from the env)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from lineage.db.store import Store
from lineage.legacy.cli import register
from lineage.settings import Settings
from tests.legacy.conftest import snapshot
from tests.neo4j_provider import cli_pointed_at


@pytest.fixture
def cli_env(settings: Settings, tmp_path: Path) -> Iterator[Path]:
    """The CLI pointed at the suite's real Neo4j; the catalog goes to a temp root."""
    with cli_pointed_at(settings, tmp_path / "service"):
        yield tmp_path / "service"


def as_a_group() -> None:
    """The main `lineage` app's place: commands are named, as there."""


async def run_cli(*args: str) -> Result:
    """`lineage import-legacy ...` on a fresh app, in a thread (it runs its own loop)."""
    app = typer.Typer()
    app.callback()(as_a_group)  # one command alone would become the app itself
    register(app)
    return await asyncio.to_thread(CliRunner().invoke, app, ["import-legacy", *args])


async def test_json_report(cli_env: Path, store: Store, legacy: Path) -> None:
    result = await run_cli(str(legacy), "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["counts"]["video"] == {"created": 15, "present": 0}
    assert body["filesStored"] == 10 and body["dryRun"] is False
    lost = [a for a in body["anomalies"] if a["problem"] == "lostOverwrittenVideo"]
    assert len(lost) == 5 and lost[0]["path"] == "video-scenes/index.json"
    assert len((await snapshot(store)).nodes) == 31
    assert (cli_env / "catalog" / "video").is_dir()

    again = json.loads((await run_cli(str(legacy), "--json")).stdout)
    assert again["counts"]["video"] == {"created": 0, "present": 15}


async def test_dry_run_prints_tables_and_writes_nothing(
    cli_env: Path, store: Store, legacy: Path
) -> None:
    result = await run_cli(str(legacy), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Would import" in result.stdout and "would create" in result.stdout
    assert "lostOverwrittenVideo" in result.stdout and "shot-009" in result.stdout
    assert (await snapshot(store)).nodes == {}
    assert not cli_env.exists()


async def test_a_folder_that_is_not_fligen_is_one_line_and_exit_1(
    cli_env: Path, store: Store, tmp_path: Path
) -> None:
    (tmp_path / "random").mkdir()
    result = await run_cli(str(tmp_path / "random"))
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()[-1:]
    assert line.startswith("error:") and "not a FliGen assets folder" in result.stderr
    assert "Traceback" not in result.output
