"""The database a benchmark runs on: a dedicated local Neo4j, or NEO4J_URI only with --wipe-ok.

Benchmarks wipe and regenerate data, so they never touch the data of `make run`
or of the test suite: each has its own local instance (folder, ports, password).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

from lineage.errors import InvalidInputError
from lineage.localdb.server import LocalNeo4j
from lineage.settings import Settings, get_settings


def dedicated(
    instance: str, bolt_port: int, http_port: int, heap: str = "1g", pagecache: str = "512m"
) -> Settings:
    """Settings of a benchmark's own local Neo4j instance."""
    return Settings(
        neo4j_uri=None,
        neo4j_password="lineage-bench-password",
        local_neo4j_instance=instance,
        local_neo4j_bolt_port=bolt_port,
        local_neo4j_http_port=http_port,
        local_neo4j_heap=heap,
        local_neo4j_pagecache=pagecache,
    )


def lineage_bench_settings() -> Settings:
    """The instance of `lineage bench` and `lineage bench-orphans`."""
    return dedicated("bench", 7689, 7476, heap="2g", pagecache="1g")


def story_bench_settings() -> Settings:
    """The instance of `lineage bench-story` and `lineage bench-floor`."""
    return dedicated("bench-story", 7730, 7530, heap="2g", pagecache="1g")


# every bench command's --wipe-ok, the flag `bench_database` reads
WipeOk = Annotated[
    bool, typer.Option("--wipe-ok", help="Allow using (and wiping) the database NEO4J_URI names.")
]


@contextmanager
def bench_database(wipe_ok: bool, instance: Settings, log: Console) -> Iterator[Settings]:
    """NEO4J_URI's database (only with --wipe-ok), else `instance`, started for the run
    (and stopped afterwards when it was not running before)."""
    configured = get_settings()
    if configured.neo4j_uri:
        if not wipe_ok:
            raise InvalidInputError(
                f"NEO4J_URI is set ({configured.neo4j_uri}): the benchmark would wipe that "
                "database. Unset it to use the dedicated bench instance, or pass --wipe-ok."
            )
        yield configured
        return
    server = LocalNeo4j(instance)
    was_running = server.status().running
    status = server.start()
    log.print(f"bench Neo4j {status.version} on {status.bolt_uri} (home {status.home})")
    try:
        yield instance.model_copy(update={"neo4j_uri": status.bolt_uri})
    finally:
        if not was_running:
            server.stop()
