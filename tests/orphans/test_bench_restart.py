"""Which database `lineage bench-orphans` may restart for its cold recomputation."""

from __future__ import annotations

from pathlib import Path

from lineage.bench.orphan_recompute import restartable
from lineage.settings import Settings


def local(uri: str | None, root: Path) -> Settings:
    return Settings(
        neo4j_uri=uri,
        local_neo4j_root=root,
        local_neo4j_instance="nowhere",
        local_neo4j_bolt_port=7999,
    )


def test_the_bench_restarts_only_a_local_instance_it_can_run(tmp_path: Path) -> None:
    assert restartable(local(None, tmp_path))  # its own instance
    # the local instance's port, but no server of that instance runs
    assert not restartable(local("bolt://127.0.0.1:7999", tmp_path))
    assert not restartable(local("bolt://db.example.com:7999", tmp_path))
    assert not restartable(local("bolt://localhost:7687", tmp_path))
