"""The export's reads leave sorting to the exporter: a node's labels and edges come out
of the repository in the order Neo4j's ORDER BY gave them before (bundles stay
byte-identical), and the PROV child imports nothing of Lineage but the writer."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from lineage.bundles.repository import BundleRepository
from lineage.db.store import Row, Store

CODE = "ORD-001"
# edges of one asset, created out of order: frames with and without role and position
GRAPH = """
CREATE (project:Project {code: $code, id: $code})
CREATE (cut:Asset:Zeta:Beta {id: 'cut'})-[:PART_OF]->(project)
CREATE (a:Asset {id: 'a'})-[:PART_OF]->(project)
CREATE (b:Asset {id: 'b'})-[:PART_OF]->(project)
CREATE (outside:Asset {id: 'outside'})
CREATE (cut)-[:USES_FRAME {role: 'last', position: 2}]->(b)
CREATE (cut)-[:USES_FRAME {position: 1}]->(a)
CREATE (cut)-[:USES_FRAME {role: 'first', position: 9}]->(a)
CREATE (cut)-[:USES_FRAME {role: 'first'}]->(a)
CREATE (cut)-[:USES_FRAME {role: 'first', position: 3}]->(a)
CREATE (cut)-[:REGENERATES]->(outside)
CREATE (cut)-[:GENERATED_FROM]->(b)
CREATE (cut)-[:GENERATED_FROM]->(a)
"""
# the order the export's statements gave before the exporter sorted
ORDERED = """
MATCH (:Asset {id: 'cut'})-[r]->(m)
RETURN type(r) AS type, coalesce(m.id, m.code) AS to, r.role AS role, r.position AS position
ORDER BY type, CASE WHEN m:Asset THEN 'Asset' ELSE 'Project' END, to, role, position
"""


def _shape(edges: list[Row]) -> list[tuple[Any, ...]]:
    return [
        (e["type"], e["to"], e["properties"].get("role"), e["properties"].get("position"))
        for e in edges
    ]


async def test_labels_and_edges_come_in_bundle_order(store: Store) -> None:
    await store.driver.execute_query(GRAPH, code=CODE, database_=store.database)
    records, _, _ = await store.driver.execute_query(ORDERED, database_=store.database)
    expected = [(r["type"], r["to"], r["role"], r["position"]) for r in records]
    assert len(expected) == 9 and expected[4][2:] == ("first", 3) and expected[7][2:] == (None, 1)

    repository = BundleRepository(store)
    pages = [page async for page in repository.project_pages(CODE, 2)]
    assert [[row["id"] for row in page] for page in pages] == [["a", "b"], ["cut"]]
    [cut] = pages[1]
    assert cut["labels"] == ["Asset", "Beta", "Zeta"]
    assert _shape(cut["edges"]) == expected
    assert [e["inside"] for e in cut["edges"] if e["type"] == "REGENERATES"] == [False]

    [read] = await repository.read_nodes([("Asset", "cut")])
    assert read["labels"] == ["Asset", "Beta", "Zeta"]
    assert _shape(read["edges"]) == expected


def test_the_prov_child_imports_only_the_writer() -> None:
    listed = "import json, sys, lineage.bundles.provchild; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", listed], capture_output=True, text=True)
    modules = json.loads(done.stdout)
    ours = [m for m in modules if m.startswith("lineage")]
    child = ["lineage.bundles.provchild", "lineage.bundles.provjson"]
    assert ours == ["lineage", "lineage.bundles", *child]
    assert "pydantic" not in modules
