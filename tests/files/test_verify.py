"""`verify`: real files recorded through the API, one deleted and one corrupted on disk.

The function and the CLI both run against the real Neo4j and the live server's catalog.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import typer
from typer.testing import CliRunner, Result

from lineage.db.store import Store
from lineage.errors import NotFoundError
from lineage.files import LocalFileStore
from lineage.files.cli import register
from lineage.files.verify import FileProblem, VerifyReport, verify_catalog
from lineage.orphans.refresh import refresh_in
from lineage.settings import Settings
from tests.api.helpers import record
from tests.conftest import GraphQLClient
from tests.files.catalog import (
    create_lost_legacy_asset,
    create_project,
    file_flags,
    record_with_file,
)
from tests.neo4j_provider import cli_pointed_at


def overwrite(path: Path, data: bytes) -> None:
    """Change a stored (read-only) file in place, as a careless tool would."""
    path.chmod(0o644)
    path.write_bytes(data)
    path.chmod(0o444)


def corrupted(data: bytes) -> bytes:
    """Same size, one byte flipped."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1 :]


class Catalog:
    """Four assets with files (two projects), one without, one lost in the legacy import."""

    def __init__(self, settings: Settings) -> None:
        self.files = LocalFileStore(settings.assets_root)
        self.refs: dict[str, str] = {}
        self.bytes: dict[str, bytes] = {}

    async def record(self, gql: GraphQLClient, http: httpx.AsyncClient, store: Store) -> None:
        await create_project(gql, "ALPHA")
        await create_project(gql, "BETA")
        for asset_id, project in [("a-kept", "ALPHA"), ("a-gone", "ALPHA"), ("b-bad", "BETA")]:
            ref, data = await record_with_file(gql, http, asset_id, projectCode=project)
            self.refs[asset_id], self.bytes[asset_id] = ref, data
        self.refs["b-kept"], _ = await record_with_file(gql, http, "b-kept", projectCode="BETA")
        await gql.data(
            'mutation { recordGeneration(input: {id: "no-file", type: IMAGE, provider: "p",'
            ' model: "m", url: "https://cdn.example.com/x.jpg"}) { asset { id } } }'
        )
        await create_lost_legacy_asset(store, "legacy-lost")

    def damage(self) -> None:
        self.files.local_path(self.refs["a-gone"]).unlink()
        overwrite(self.files.local_path(self.refs["b-bad"]), corrupted(self.bytes["b-bad"]))

    def repair(self) -> None:
        overwrite(self.files.local_path(self.refs["b-bad"]), self.bytes["b-bad"])


@pytest.fixture
async def catalog(
    gql: GraphQLClient, http: httpx.AsyncClient, store: Store, settings: Settings
) -> Catalog:
    recorded = Catalog(settings)
    await recorded.record(gql, http, store)
    return recorded


def problems_of(report: VerifyReport) -> dict[str, FileProblem]:
    return {issue.asset_id: issue.problem for issue in report.problems}


async def test_all_intact_changes_nothing(catalog: Catalog, store: Store) -> None:
    report = await verify_catalog(store, catalog.files, refresh=refresh_in)
    assert (report.checked, report.ok, report.problems) == (4, 4, [])
    assert report.all_fine and report.file_missing_changed == []
    assert report.skipped_lost == 1
    flags = await file_flags(store)
    assert {flags[i]["fileMissing"] for i in catalog.refs} == {False}
    assert {flags[i]["fileCheckedAt"] for i in catalog.refs} == {report.checked_at}
    assert flags["no-file"]["fileCheckedAt"] is None


async def test_finds_deleted_and_corrupted_files_then_clears_a_repaired_one(
    catalog: Catalog, store: Store, gql: GraphQLClient
) -> None:
    catalog.damage()
    report = await verify_catalog(store, catalog.files, refresh=refresh_in, page_size=2)
    assert problems_of(report) == {"a-gone": FileProblem.MISSING, "b-bad": FileProblem.CORRUPT}
    assert (report.checked, report.ok, report.missing, report.corrupt) == (4, 2, 1, 1)
    assert sorted(report.file_missing_changed) == ["a-gone", "b-bad"]
    [gone] = [issue for issue in report.problems if issue.asset_id == "a-gone"]
    assert (gone.ref, gone.project_code) == (catalog.refs["a-gone"], "ALPHA")
    flags = await file_flags(store)
    assert (flags["a-gone"]["fileMissing"], flags["a-gone"]["fileProblem"]) == (True, "missing")
    assert (flags["b-bad"]["fileMissing"], flags["b-bad"]["fileProblem"]) == (True, "corrupt")
    assert (flags["a-kept"]["fileMissing"], flags["a-kept"]["fileProblem"]) == (False, None)
    seen = await gql.data('{ asset(id: "a-gone") { fileMissing } }')
    assert seen["asset"]["fileMissing"] is True

    again = await verify_catalog(store, catalog.files, refresh=refresh_in)
    assert problems_of(again) == problems_of(report) and again.file_missing_changed == []

    catalog.repair()
    repaired = await verify_catalog(store, catalog.files, refresh=refresh_in)
    assert problems_of(repaired) == {"a-gone": FileProblem.MISSING}
    assert repaired.file_missing_changed == ["b-bad"]
    flags = await file_flags(store)
    assert (flags["b-bad"]["fileMissing"], flags["b-bad"]["fileProblem"]) == (False, None)
    assert flags["b-bad"]["fileCheckedAt"] == repaired.checked_at


async def test_leaves_lost_legacy_assets_as_they_are(catalog: Catalog, store: Store) -> None:
    before = (await file_flags(store))["legacy-lost"]
    catalog.damage()
    report = await verify_catalog(store, catalog.files, refresh=refresh_in)
    assert "legacy-lost" not in problems_of(report) and report.skipped_lost == 1
    assert (await file_flags(store))["legacy-lost"] == before


async def test_one_project_only(catalog: Catalog, store: Store) -> None:
    catalog.damage()
    report = await verify_catalog(store, catalog.files, "BETA", refresh=refresh_in)
    assert (report.checked, report.project_code) == (2, "BETA")
    assert problems_of(report) == {"b-bad": FileProblem.CORRUPT}
    unchecked = (await file_flags(store))["a-gone"]
    assert (unchecked["fileMissing"], unchecked["fileCheckedAt"]) == (None, None)
    with pytest.raises(NotFoundError, match="NOPE"):
        await verify_catalog(store, catalog.files, "NOPE", refresh=refresh_in)


async def test_a_ref_the_store_refuses_counts_as_missing(catalog: Catalog, store: Store) -> None:
    await store.driver.execute_query(
        "MATCH (a:Asset {id: 'a-kept'}) SET a.fileRef = 'image/../../etc/passwd'",
        database_=store.database,
    )
    report = await verify_catalog(store, catalog.files, refresh=refresh_in)
    [issue] = report.problems
    assert (issue.asset_id, issue.problem) == ("a-kept", FileProblem.MISSING)
    assert "not a file reference" in issue.detail


# The CLI -----------------------------------------------------------------------------------


@pytest.fixture
def cli_env(settings: Settings) -> Iterator[None]:
    """The CLI pointed at the suite's real Neo4j and catalog."""
    with cli_pointed_at(settings, settings.assets_root):
        yield


async def run_cli(*args: str) -> Result:
    """`lineage verify ...` on a fresh app, in a thread (the command runs its own loop)."""
    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # two commands, so `verify` is addressed by name
    return await asyncio.to_thread(CliRunner().invoke, app, ["verify", *args])


@pytest.mark.usefixtures("cli_env")
async def test_cli_json_report_and_exit_codes(catalog: Catalog, store: Store) -> None:
    fine = await run_cli("--json")
    assert fine.exit_code == 0, fine.output
    assert json.loads(fine.stdout)["checked"] == 4

    catalog.damage()
    broken = await run_cli("--json")
    assert broken.exit_code == 2, broken.output
    body = json.loads(broken.stdout)
    assert {(p["assetId"], p["problem"]) for p in body["problems"]} == {
        ("a-gone", "missing"),
        ("b-bad", "corrupt"),
    }
    assert sorted(body["fileMissingChanged"]) == ["a-gone", "b-bad"]
    assert (body["missing"], body["corrupt"], body["skippedLost"]) == (1, 1, 1)
    assert (await file_flags(store))["b-bad"]["fileProblem"] == "corrupt"

    catalog.repair()
    beta = await run_cli("--json", "--project", "BETA")
    assert beta.exit_code == 0, beta.output
    assert json.loads(beta.stdout)["fileMissingChanged"] == ["b-bad"]


@pytest.mark.usefixtures("cli_env")
async def test_cli_table_and_errors(catalog: Catalog) -> None:
    catalog.damage()
    table = await run_cli()
    assert table.exit_code == 2, table.output
    assert "a-gone" in table.stdout and "missing" in table.stdout and "corrupt" in table.stdout
    assert "checked 4 file(s)" in table.stdout and "1 missing, 1 corrupt" in table.stdout
    unknown = await run_cli("--project", "NOPE")
    assert unknown.exit_code == 1
    assert "no project with code 'NOPE'" in unknown.stderr


async def test_a_missing_file_breaks_its_asset_and_orphans_what_was_built_from_it(
    gql: GraphQLClient, http: httpx.AsyncClient, store: Store, settings: Settings
) -> None:
    await create_project(gql, "ALPHA")
    ref, _ = await record_with_file(gql, http, "shot-001", projectCode="ALPHA")
    await record(
        gql, id="edit-1", type="IMAGE", provider="fal", model="m", sourceAssetIds=["shot-001"]
    )
    files = LocalFileStore(settings.assets_root)
    stored = files.local_path(ref)
    stored.chmod(0o644)
    stored.unlink()
    await verify_catalog(store, files, refresh=refresh_in)
    query = """query($id: ID!) {
      asset(id: $id) { orphanStatus { state reasons { kind rootCause depth } } } }"""
    shot = (await gql.data(query, id="shot-001"))["asset"]["orphanStatus"]
    assert shot == {
        "state": "BROKEN",
        "reasons": [{"kind": "BROKEN", "rootCause": "shot-001", "depth": 0}],
    }
    edit = (await gql.data(query, id="edit-1"))["asset"]["orphanStatus"]
    assert edit["reasons"] == [{"kind": "INHERITED", "rootCause": "shot-001", "depth": 1}]
