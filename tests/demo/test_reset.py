"""`lineage demo reset` restores the demo as the sample folder has it, whatever was done
to it, and leaves other projects' nodes as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lineage.db.store import Store
from lineage.demo.reset import reset_demo
from lineage.settings import Settings
from tests.conftest import GraphQLClient
from tests.explorers.conftest import DEMO_VIDEO
from tests.legacy.conftest import Snapshot

NODES = (
    "MATCH (n) WHERE NOT n:SchemaMigration "
    "RETURN coalesce(n.id, n.code, 'lock ' + n.key) AS id, labels(n) AS labels, "
    "properties(n) AS props"
)
EDGES = (
    "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.code) AS source, type(r) AS type, "
    "properties(r) AS props, coalesce(b.id, b.code) AS target"
)


async def snapshot(store: Store) -> Snapshot:
    """Every node (slot locks too) and edge, as the legacy tests' snapshot has them."""
    nodes, _, _ = await store.driver.execute_query(NODES, database_=store.database)
    edges, _, _ = await store.driver.execute_query(EDGES, database_=store.database)
    return Snapshot(
        nodes={r["id"]: (tuple(sorted(r["labels"])), dict(r["props"])) for r in nodes},
        edges=sorted(
            (r["source"], r["type"], tuple(sorted(r["props"].items())), r["target"]) for r in edges
        ),
    )


SHOT_001 = "asset_img_1767097049417_ba8c6d3ef98b"
# set at each write, so a re-import gives them new values
VOLATILE = {"currentSince", "updatedAt", "orphanCount"}


def demo_state(graph: Snapshot, ids: set[str]) -> dict[str, Any]:
    nodes = {
        node_id: (labels, {k: v for k, v in props.items() if k not in VOLATILE})
        for node_id, (labels, props) in graph.nodes.items()
        if node_id in ids
    }
    edges = [edge for edge in graph.edges if edge[0] in ids and edge[3] in ids]
    return {"nodes": nodes, "edges": edges}


async def change_everything(gql: GraphQLClient) -> str:
    """Another project with a thumbnail built from a demo shot; a new attempt of a demo
    slot; a demo video archived. Returns the other project's asset id."""
    await gql.data('mutation { createProject(input: {code: "OTHER-1", title: "Other"}) { code } }')
    other = await gql.data(
        'mutation($shot: ID!) { recordGeneration(input: {type: THUMBNAIL, provider: "fal", '
        'model: "m", projectCode: "OTHER-1", sourceAssetIds: [$shot]}) { asset { id } } }',
        shot=SHOT_001,
    )
    await gql.data(
        'mutation($shot: ID!) { recordGeneration(input: {type: IMAGE, provider: "fal", '
        'model: "m", regeneratesId: $shot}) { asset { id } } }',
        shot=SHOT_001,
    )
    await gql.data("mutation($id: ID!) { archiveAsset(id: $id) { asset { id } } }", id=DEMO_VIDEO)
    return str(other["recordGeneration"]["asset"]["id"])


async def test_reset_restores_the_demo_and_keeps_other_projects(
    demo_folder: Path, settings: Settings, demo: Store, gql: GraphQLClient
) -> None:
    fresh = await snapshot(demo)
    demo_ids = set(fresh.nodes)
    other_asset = await change_everything(gql)
    changed = await snapshot(demo)
    assert demo_state(changed, demo_ids) != demo_state(fresh, demo_ids)

    report = await reset_demo(settings.model_copy(update={"assets_root": demo_folder}), demo)

    restored = await snapshot(demo)
    assert report.deleted == len(demo_ids) + 2  # the new shot-001 attempt and its slot lock
    assert demo_state(restored, demo_ids) == demo_state(fresh, demo_ids)
    other_lock = f"lock project:OTHER-1/{other_asset}"
    assert set(restored.nodes) == demo_ids | {"OTHER-1", other_asset, other_lock}
    assert report.links_restored == 1
    assert restored.out(other_asset, "GENERATED_FROM") == changed.out(other_asset, "GENERATED_FROM")
    # the thumbnail was stale (its shot superseded by the attempt the reset removed)
    assert changed.props(other_asset)["orphanRootCauses"] == [SHOT_001]
    no_longer_stale = {"orphaned": False, "orphanRootCauses": []}
    assert restored.props(other_asset) == changed.props(other_asset) | no_longer_stale
    assert restored.props("OTHER-1")["orphanCount"] == 0
