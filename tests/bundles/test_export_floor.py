"""The export's floor (`lineage.bench.exportfloor`) reads what the export reads and copies
what it copies: every node and edge of the project, every catalog file as a member."""

from __future__ import annotations

import hashlib
import tarfile
from pathlib import Path

from lineage.bench.exportfloor import copy_files
from lineage.bundles.repository import BundleRepository
from lineage.db.store import Store
from lineage.files.layout import CatalogLayout
from lineage.files.models import AssetType

CODE = "FLOOR-001"
GRAPH = """
CREATE (project:Project {code: $code, id: $code})
CREATE (cut:Asset {id: 'floor-cut'})-[:PART_OF]->(project)
CREATE (a:Asset {id: 'floor-a'})-[:PART_OF]->(project)
CREATE (p:Prompt {id: 'floor-p'})-[:PART_OF]->(project)
CREATE (outside:Asset {id: 'floor-outside'})
CREATE (cut)-[:USES_FRAME {role: 'first', position: 1}]->(a)
CREATE (cut)-[:GENERATED_FROM]->(outside)
CREATE (cut)-[:PROMPTED_BY]->(p)
"""


async def test_the_floor_reads_every_node_and_edge_the_export_reads(store: Store) -> None:
    await store.driver.execute_query(GRAPH, code=CODE, database_=store.database)
    floor = [
        row["nodes"] async for row in store.stream("bench/read_project_plainly", code=CODE, page=2)
    ]
    exported = [page async for page in BundleRepository(store).project_pages(CODE, 2)]
    assert [len(page) for page in floor] == [len(page) for page in exported] == [2, 1]
    assert sum(len(edges) for page in floor for _, _, edges in page) == 6
    assert sum(len(row["edges"]) for page in exported for row in page) == 6
    read = {properties["id"]: edges for page in floor for _, properties, edges in page}
    ends = sorted(to for _, to, _ in read["floor-cut"])
    assert ends == [CODE, "floor-a", "floor-outside", "floor-p"]


def test_the_floor_copies_every_catalog_file_as_a_member(tmp_path: Path) -> None:
    layout = CatalogLayout(tmp_path)
    layout.ensure()
    stored = {}
    for name, data in {"a.png": b"image " * 40_000, "b.png": b"other " * 3}.items():
        sha = hashlib.sha256(data).hexdigest()
        (layout.folder(AssetType.IMAGE) / name).write_bytes(data)
        layout.hash_path(sha).write_text(f"image/{name}")
        stored[f"files/{sha}"] = data
    sink = tmp_path / "floor.tar"
    written = copy_files(tmp_path, sink)
    assert written == sink.stat().st_size
    with tarfile.open(sink) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}  # type: ignore[union-attr]
    assert members == stored
