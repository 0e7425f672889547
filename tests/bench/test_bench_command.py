"""`lineage bench` end to end on a tiny graph in the test Neo4j, and its refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx

from lineage.bench.measure import ROWS_PATH, Traversal, percentile
from lineage.bench.rows import rows_session
from lineage.bench.run import BenchOptions, run_bench
from lineage.bench.server import ServerProcess, bench_key
from lineage.db.store import Store
from lineage.settings import Settings

TINY = BenchOptions(assets=2_000, runs=5, warmup=2)


def lineage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "LINEAGE_"))}
    return subprocess.run(
        [sys.executable, "-m", "lineage.cli", *args],
        env={**kept, **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def neo4j_env(settings: Settings) -> dict[str, str]:
    return {"NEO4J_URI": str(settings.neo4j_uri), "NEO4J_PASSWORD": settings.neo4j_password}


async def test_run_bench_measures_both_sides_on_the_same_answers(
    store: Store, settings: Settings
) -> None:
    report = await run_bench(settings, TINY)
    assert [r.direction for r in report.results] == ["UPSTREAM", "BOTH"]
    for result in report.results:
        assert min(result.api["p50"], result.driver["p50"], result.typed["p50"]) > 0
        assert result.ratio["p50"] == result.api["p50"] / result.driver["p50"]
        assert result.typed_ratio["p50"] == result.typed["p50"] / result.driver["p50"]
        assert 0 < result.floor["p50"] < result.api["p50"]
        assert result.rows["p50"] > 0 and result.rows_ratio["p50"] > 0
        assert result.over_rows["p50"] == result.api["p50"] / result.rows["p50"]
        assert set(result.server_cpu) == {"api", "typed", "rows", "floor"}
        assert result.server_cpu["floor"]["p50"] < result.server_cpu["api"]["p50"]
        assert result.cpu["api"]["mean"] > result.server_cpu["api"]["mean"] > 0
        assert result.nodes_p50 >= 6
    assert report.mismatches == []
    assert not report.graph.reused
    assert (await run_bench(settings, TINY)).graph.reused


async def test_the_rows_app_answers_a_valid_key_only(store: Store, settings: Settings) -> None:
    asked = {"id": "no-such-asset", "direction": "UPSTREAM", "depth": 1}
    async with bench_key(store) as token, rows_session(settings, token) as served:
        wrong = {"Authorization": "Bearer lk_wrong"}
        async with served.http.post(ROWS_PATH, json=asked, headers=wrong) as refused:
            assert refused.status == 401
        async with served.http.post(ROWS_PATH, json=asked) as answered:
            assert answered.status == 200
            assert [row["nodes"] for row in await answered.json()] == [[]]


def test_the_server_process_serves_alone_and_stops(settings: Settings, tmp_path: Path) -> None:
    with ServerProcess(settings.model_copy(update={"assets_root": tmp_path})) as server:
        assert httpx.get(f"{server.url}/healthz").status_code == 200
        assert server.process is not None and server.process.pid != os.getpid()
    assert server.process.poll() is not None


async def test_the_command_prints_the_table(store: Store, settings: Settings) -> None:
    done = lineage("bench", "--assets", "2000", "--runs", "5", "--wipe-ok", **neo4j_env(settings))
    assert done.returncode == 0, done.stderr
    shown = ("{ graph }", "GraphQL API (ms)", "driver (ms)", "API / driver", "typed", "__typename")
    for text in (*shown, "UPSTREAM", "BOTH", "2,000"):
        assert text in done.stdout, done.stdout
    assert "same nodes, distances and edges" in done.stdout


async def test_json_output(store: Store, settings: Settings) -> None:
    done = lineage(
        "bench", "--assets", "2000", "--runs", "3", "--json", "--wipe-ok", **neo4j_env(settings)
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["graph"]["assets"] == 2000 and report["runs"] == 3
    assert {r["direction"] for r in report["results"]} == {"UPSTREAM", "BOTH"}
    assert all(r["ratio"]["p50"] > 0 for r in report["results"])


async def test_a_configured_neo4j_is_not_wiped_without_wipe_ok(
    store: Store, settings: Settings
) -> None:
    await store.write("projects/upsert", row={"code": "KEEP", "id": "KEEP"})
    done = lineage("bench", "--assets", "2000", "--runs", "3", **neo4j_env(settings))
    assert done.returncode == 1
    assert "--wipe-ok" in done.stderr and "Traceback" not in done.stderr
    assert await store.read("projects/find_by_code", code="KEEP")


def test_bad_depth_is_one_clear_line(settings: Settings) -> None:
    done = lineage("bench", "--depth", "11", "--wipe-ok", **neo4j_env(settings))
    assert done.returncode == 1 and "--depth" in done.stderr and "Traceback" not in done.stderr


def test_differences_name_what_differs() -> None:
    api = Traversal({"a": 0, "b": 1}, frozenset({("a", "b", "GENERATED_FROM")}), False)
    assert api.differences(api) == []
    driver = Traversal({"a": 0, "b": 2, "c": 1}, frozenset(), True)
    found = api.differences(driver)
    assert found[0].startswith("node ids differ (0 only via API, 1 only via driver)")
    assert any("edges differ" in f for f in found) and "truncated differs" in found
    assert api.differences(Traversal({"a": 0, "b": 2}, api.edges, False)) == ["distances differ"]


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.95) == 95.0 and percentile(values, 0.5) == 50.0
    assert percentile([3.0], 0.95) == 3.0
