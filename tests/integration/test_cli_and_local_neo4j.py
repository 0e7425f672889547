"""The CLI against real servers: clear one-line errors, and the local Neo4j's lifecycle."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lineage.localdb.server import LocalNeo4j
from lineage.settings import Settings


def lineage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    merged = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "LINEAGE_"))}
    return subprocess.run(
        [sys.executable, "-m", "lineage.cli", *args],
        env={**merged, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_unreachable_neo4j_uri_is_one_clear_line() -> None:
    done = lineage("db", "migrate", NEO4J_URI="bolt://127.0.0.1:9")
    assert done.returncode == 1
    assert done.stderr.strip().startswith("error: Neo4j is unavailable")
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 2


def test_wrong_password_is_one_clear_line(settings: Settings) -> None:
    done = lineage("db", "migrate", NEO4J_URI=str(settings.neo4j_uri), NEO4J_PASSWORD="wrong")
    assert done.returncode == 1
    assert "refused the credentials" in done.stderr
    assert "Traceback" not in done.stderr


def test_malformed_uri_is_one_clear_line() -> None:
    done = lineage("db", "migrate", NEO4J_URI="http//nonsense")
    assert done.returncode == 1
    assert "NEO4J_URI" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.skipif(
    os.environ.get("NEO4J_URI") is not None or shutil.which("java") is None,
    reason="the local server is used only when no NEO4J_URI is set",
)
def test_local_status_and_second_start_reuses_the_running_server(settings: Settings) -> None:
    local = LocalNeo4j(settings.model_copy(update={"neo4j_uri": None}))
    before = local.status()
    assert before.running and before.version == "5.26.30 community"
    again = local.start()
    assert again.pid == before.pid
    env = {
        "LINEAGE_LOCAL_NEO4J_INSTANCE": settings.local_neo4j_instance,
        "LINEAGE_LOCAL_NEO4J_BOLT_PORT": str(settings.local_neo4j_bolt_port),
        "LINEAGE_LOCAL_NEO4J_HTTP_PORT": str(settings.local_neo4j_http_port),
    }
    done = lineage("db", "status", **env)
    assert done.returncode == 0, done.stderr
    assert f"pid {before.pid}" in done.stdout and "5.26.30" in done.stdout
    assert "/browser/" in done.stdout


@pytest.mark.skipif(
    os.environ.get("NEO4J_URI") is not None or shutil.which("java") is None,
    reason="the local server is used only when no NEO4J_URI is set",
)
def test_a_port_held_by_another_neo4j_is_named_as_such(settings: Settings, tmp_path: Path) -> None:
    """Another instance (its own folder) on the ports of the suite's running Neo4j."""
    env = {
        "LINEAGE_LOCAL_NEO4J_ROOT": str(tmp_path / "neo4j"),
        "LINEAGE_LOCAL_NEO4J_INSTANCE": "other",
        "LINEAGE_LOCAL_NEO4J_BOLT_PORT": str(settings.local_neo4j_bolt_port),
        "LINEAGE_LOCAL_NEO4J_HTTP_PORT": str(settings.local_neo4j_http_port),
    }
    done = lineage("db", "start", **env)
    assert done.returncode == 1
    assert f"Bolt port {settings.local_neo4j_bolt_port}" in done.stderr
    assert "already held by a server this instance did not start" in done.stderr
    assert "credentials" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "neo4j" / "other" / "data").exists()  # nothing set up for it
