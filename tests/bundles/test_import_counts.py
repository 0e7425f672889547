"""An import's report counts what it wrote, when batches are written side by side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lineage.bundles import importer
from lineage.bundles.importer import import_bundle
from lineage.files import LocalFileStore
from tests.bundles.conftest import Instance
from tests.bundles.story import PROJECT, record_story
from tests.bundles.test_bundles import member
from tests.bundles.test_round_trip import export_over_http

SMALL_BATCH = 2  # so the story's nodes and edges take several batches, two writers at a time


async def test_the_report_counts_every_batch_of_the_writers(
    first: Instance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await record_story(first.gql)
    bundle = await export_over_http(first, PROJECT)
    lines = member(bundle, "graph/nodes.jsonl").splitlines()
    nodes = [json.loads(line) for line in lines]
    edges = member(bundle, "graph/edges.jsonl").splitlines()
    path = tmp_path / "story.tar"
    path.write_bytes(bundle)
    await first.store.write("admin/wipe_data")
    monkeypatch.setattr(importer, "BATCH", SMALL_BATCH)
    monkeypatch.setattr(importer, "NODE_BATCH", SMALL_BATCH)

    report = await import_bundle(first.store, LocalFileStore(first.assets_root), path)

    own = [n for n in nodes if not n.get("reference")]
    assert len(own) > 4 * SMALL_BATCH
    assert report.created == len(own), report
    assert report.stubs == len(nodes) - len(own), report
    part_of = sum(1 for n in own if n["kind"] != "Project")  # written with their nodes
    assert report.edges_created == len(edges) - part_of, report
