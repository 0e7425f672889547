"""Fixtures of the importer tests: a private copy of the sample legacy tree, a file
store in a temporary folder, and a snapshot of the whole graph to compare."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lineage.db.store import Store
from lineage.files import LocalFileStore

SAMPLE = Path(__file__).resolve().parents[2] / "assets"
NODES = "MATCH (n) WHERE NOT n:SchemaMigration RETURN labels(n) AS labels, properties(n) AS props"
EDGES = (
    "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.code) AS source, type(r) AS type, "
    "properties(r) AS props, coalesce(b.id, b.code) AS target"
)


@dataclass(frozen=True)
class Snapshot:
    """Every node (by id) with its labels and properties, and every edge."""

    nodes: dict[str, tuple[tuple[str, ...], dict[str, Any]]]
    edges: list[tuple[str, str, tuple[tuple[str, Any], ...], str]]

    def props(self, node_id: str) -> dict[str, Any]:
        return self.nodes[node_id][1]

    def by_legacy_id(self, legacy_id: str) -> dict[str, Any]:
        [found] = [p for _, p in self.nodes.values() if p.get("legacyId") == legacy_id]
        return found

    def with_label(self, label: str) -> list[dict[str, Any]]:
        return [p for labels, p in self.nodes.values() if label in labels]

    def assets(self, **match: Any) -> list[dict[str, Any]]:
        return [p for p in self.with_label("Asset") if all(p.get(k) == v for k, v in match.items())]

    def out(self, node_id: str, edge_type: str) -> list[tuple[dict[str, Any], str]]:
        """(edge properties, target id) of the node's outgoing edges of one type."""
        return sorted(
            (
                (dict(props), target)
                for source, kind, props, target in self.edges
                if source == node_id and kind == edge_type
            ),
            key=lambda e: (sorted(e[0].items()), e[1]),
        )


async def snapshot(store: Store) -> Snapshot:
    nodes, _, _ = await store.driver.execute_query(NODES, database_=store.database)
    edges, _, _ = await store.driver.execute_query(EDGES, database_=store.database)
    return Snapshot(
        nodes={
            str(r["props"].get("id") or r["props"]["code"]): (
                tuple(sorted(r["labels"])),
                dict(r["props"]),
            )
            for r in nodes
        },
        edges=sorted(
            (r["source"], r["type"], tuple(sorted(r["props"].items())), r["target"]) for r in edges
        ),
    )


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    """A copy of the repo's sample tree (without any catalog), safe to change."""
    target = tmp_path / "assets"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("catalog"))
    return target


@pytest.fixture
def files(tmp_path: Path) -> LocalFileStore:
    return LocalFileStore(tmp_path / "service", max_bytes=64 * 1024 * 1024)


def digests(folder: Path) -> dict[str, str]:
    """relative path -> SHA-256 of every file below a folder."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stored_media(files: LocalFileStore) -> dict[str, str]:
    """ref -> SHA-256 of the catalog's media files (not its index, metadata or staging)."""
    return {
        ref: sha for ref, sha in digests(files.layout.catalog).items() if not ref.startswith(".")
    }
