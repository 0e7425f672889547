"""The generated graph in a real Neo4j: counts, slots, frames, deep lineage, reuse."""

from __future__ import annotations

from typing import Any

from lineage.bench.generate import ensure_generated, generate
from lineage.db.store import Store
from lineage.graph.drawing import draw_lineage
from lineage.graph.walk import Direction
from tests.conftest import GraphQLClient

ASSETS = 2_000


async def rows(store: Store, query: str) -> list[dict[str, Any]]:
    records, _, _ = await store.driver.execute_query(query, database_=store.database)
    return [record.data() for record in records]


async def test_counts_match_the_summary(store: Store) -> None:
    summary = await generate(store, ASSETS, seed=7)
    labels = await rows(
        store,
        "MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:BenchGraph "
        "RETURN CASE WHEN n:Asset THEN 'Asset:' + n.type ELSE labels(n)[-1] END AS kind, "
        "count(*) AS n",
    )
    assert {r["kind"]: r["n"] for r in labels} == summary.nodes
    types = await rows(store, "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    assert {r["type"]: r["n"] for r in types} == summary.relationships
    assert sum(n for k, n in summary.nodes.items() if k.startswith("Asset:")) == ASSETS
    assert summary.nodes["Project"] >= 2 and summary.nodes["Workflow"] > 0
    assert summary.nodes["HumanPrompt"] > 0 and summary.nodes["MachinePrompt"] > 0
    assert set(summary.nodes) >= {f"Asset:{t}" for t in ("image", "video", "audio", "music")}


async def test_every_slot_has_exactly_one_current_ready_attempt(store: Store) -> None:
    await generate(store, ASSETS, seed=7)
    # The API's rule (assets/changes/refresh_current): the ready attempt that became current last.
    [found] = await rows(
        store,
        """MATCH (a:Asset)
        WITH a ORDER BY CASE a.status WHEN 'ready' THEN 0 ELSE 1 END,
                        a.currentSince DESC, a.version DESC
        WITH a.slotKey AS slot, collect(a) AS attempts
        RETURN count(*) AS slots,
          sum(CASE WHEN size([x IN attempts WHERE x.isCurrent]) = 1
                   THEN 1 ELSE 0 END) AS oneCurrent,
          sum(CASE WHEN attempts[0].isCurrent AND attempts[0].status = 'ready'
                   THEN 1 ELSE 0 END) AS byTheRule,
          sum(CASE WHEN size(attempts) > 1 THEN 1 ELSE 0 END) AS withVersions,
          sum(size([x IN attempts WHERE x.status = 'failed'])) AS failed""",
    )
    assert found["slots"] == found["oneCurrent"] == found["byTheRule"]
    assert found["withVersions"] > 0 and found["failed"] > 0


async def test_regenerates_links_each_version_to_the_previous_one(store: Store) -> None:
    await generate(store, ASSETS, seed=7)
    [found] = await rows(
        store,
        """MATCH (a:Asset)
        OPTIONAL MATCH (a)-[:REGENERATES]->(prev:Asset)
        RETURN count(a) AS assets,
          sum(CASE WHEN a.version = 1 AND prev IS NULL THEN 1
                   WHEN prev.slotKey = a.slotKey AND prev.version = a.version - 1 THEN 1
                   ELSE 0 END) AS chained""",
    )
    assert found["assets"] == found["chained"] == ASSETS


async def test_frames_are_images_and_every_video_has_one_start(store: Store) -> None:
    await generate(store, ASSETS, seed=7)
    [found] = await rows(
        store,
        """MATCH (v:Asset {type: 'video'})
        OPTIONAL MATCH (v)-[f:USES_FRAME]->(img)
        WITH v, collect(f.role) AS roles, collect(img.type) AS types
        RETURN count(v) AS videos,
          sum(CASE WHEN size([r IN roles WHERE r = 'start']) = 1
                    AND size([r IN roles WHERE r = 'end']) <= 1 THEN 1 ELSE 0 END) AS oneStart,
          sum(CASE WHEN 'end' IN roles THEN 1 ELSE 0 END) AS withEnd,
          sum(size([t IN types WHERE t <> 'image'])) AS notImages""",
    )
    assert found["videos"] > 0 and found["videos"] == found["oneStart"]
    assert found["withEnd"] > 0 and found["notImages"] == 0
    [machine] = await rows(
        store,
        "MATCH (m:MachinePrompt) OPTIONAL MATCH (m)-[:GENERATED_FROM]->(h:HumanPrompt) "
        "RETURN count(m) AS prompts, count(h) AS refined",
    )
    assert machine["prompts"] == machine["refined"] > 0


async def test_sample_ids_start_deep_lineage(store: Store) -> None:
    summary = await generate(store, ASSETS, seed=7)
    assert len(summary.sample_ids) > 20 and summary.max_depth >= 7
    deepest = []
    for asset_id in summary.sample_ids[:25]:
        drawn = await draw_lineage(store, asset_id, Direction.UPSTREAM, 10)
        deepest.append(max(node["distance"] for node in drawn["nodes"]))
    assert min(deepest) >= 5 and max(deepest) >= 7, deepest


async def test_the_api_reads_generated_assets(store: Store, gql: GraphQLClient) -> None:
    summary = await generate(store, ASSETS, seed=7)
    query = """query($id: ID!) { asset(id: $id) {
      id type status isCurrent versions { version } frames { role asset { type } }
      currentVersion { status } project { code } prompts { id } } }"""
    asset = (await gql.data(query, id=summary.sample_ids[0]))["asset"]
    assert asset["id"] == summary.sample_ids[0] and asset["project"]["code"]
    assert asset["currentVersion"]["status"] == "READY"
    assert [f["role"] for f in asset["frames"]] in ([], ["START"], ["START", "END"])
    assert all(f["asset"]["type"] == "IMAGE" for f in asset["frames"])
    assert asset["versions"] and (asset["prompts"] or asset["type"] == "VIDEO")


async def test_same_size_and_seed_is_reused_else_regenerated(store: Store) -> None:
    first = await ensure_generated(store, 1_000, seed=3)
    again = await ensure_generated(store, 1_000, seed=3)
    assert not first.reused and again.reused
    assert (again.nodes, again.sample_ids) == (first.nodes, first.sample_ids)
    other = await ensure_generated(store, 1_000, seed=4)
    assert not other.reused
    [found] = await rows(store, "MATCH (a:Asset) RETURN count(a) AS assets")
    [markers] = await rows(store, "MATCH (g:BenchGraph) RETURN collect(g.seed) AS seeds")
    assert found["assets"] == 1_000 and markers["seeds"] == [4]
