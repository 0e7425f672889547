"""Where the test suite gets its real Neo4j, by the same switch as the service:

1. `NEO4J_URI` set: that server (its data is wiped between tests!);
2. Java and Maven on PATH: the project's own local server, as a separate
   `test` instance on its own ports, so the dev data of `make run` is untouched;
3. a Docker engine: testcontainers' Neo4j module with `neo4j:5.26-community`.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from lineage.localdb.server import LocalNeo4j
from lineage.settings import Settings, get_settings

TEST_PASSWORD = "lineage-test-password"


def _local_settings() -> Settings:
    bolt_port = int(os.environ.get("LINEAGE_TEST_BOLT_PORT", "7688"))
    return Settings(
        neo4j_uri=None,
        neo4j_password=TEST_PASSWORD,
        local_neo4j_instance=os.environ.get("LINEAGE_TEST_INSTANCE", "test"),
        local_neo4j_bolt_port=bolt_port,
        local_neo4j_http_port=int(os.environ.get("LINEAGE_TEST_HTTP_PORT", "7475")),
        # where the Neo4j Browser test serves the API: the instance's post_connect_cmd
        # loads the style and guide from there
        port=int(os.environ.get("LINEAGE_TEST_API_PORT", str(bolt_port + 1000))),
        local_neo4j_heap="1g",
        local_neo4j_pagecache="256m",
    )


@contextmanager
def _local_server() -> Iterator[Settings]:
    settings = _local_settings()
    server = LocalNeo4j(settings)
    was_running = server.status().running
    status = server.start()
    try:
        yield settings.model_copy(update={"neo4j_uri": status.bolt_uri})
    finally:
        if not was_running:
            server.stop()


@contextmanager
def dedicated_neo4j(
    instance: str, bolt_port: int, http_port: int
) -> Iterator[tuple[Settings, LocalNeo4j]]:
    """A local Neo4j of its own, for tests that kill or stop the database."""
    settings = Settings(
        neo4j_uri=None,
        neo4j_password=TEST_PASSWORD,
        local_neo4j_instance=instance,
        local_neo4j_bolt_port=bolt_port,
        local_neo4j_http_port=http_port,
        local_neo4j_heap="512m",
        local_neo4j_pagecache="128m",
    )
    server = LocalNeo4j(settings)
    status = server.start()
    try:
        yield settings.model_copy(update={"neo4j_uri": status.bolt_uri}), server
    finally:
        server.stop()


@contextmanager
def _container() -> Iterator[Settings]:
    from testcontainers.neo4j import Neo4jContainer

    with Neo4jContainer("neo4j:5.26-community", password=TEST_PASSWORD) as neo4j:
        yield Settings(neo4j_uri=neo4j.get_connection_url(), neo4j_password=TEST_PASSWORD)


@contextmanager
def test_neo4j() -> Iterator[Settings]:
    """Settings that point at a running, real Neo4j for the whole session."""
    if os.environ.get("NEO4J_URI"):
        yield Settings()
    elif shutil.which("java") and shutil.which("mvn"):
        with _local_server() as settings:
            yield settings
    else:
        with _container() as settings:
            yield settings


def service_environment(settings: Settings, assets_root: Path) -> dict[str, str]:
    """The environment that points the service (CLI or child process) at the suite's
    real Neo4j and at `assets_root`, as production configures it."""
    assert settings.neo4j_uri is not None
    return {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password,
        "NEO4J_DATABASE": settings.neo4j_database,
        "LINEAGE_ASSETS_ROOT": str(assets_root),
    }


@contextmanager
def cli_pointed_at(settings: Settings, assets_root: Path) -> Iterator[None]:
    """This process's CLI pointed there for the block (the settings cache cleared)."""
    values = service_environment(settings, assets_root)
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    get_settings.cache_clear()
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        get_settings.cache_clear()
