"""`lineage orphans PROJECT` and `lineage recompute-orphans` against the real Neo4j."""

from __future__ import annotations

import json

from lineage.assets.models import Frame, FrameRole, NewGeneration
from lineage.db.store import Store
from lineage.generations.service import GenerationService
from lineage.models import AssetType
from lineage.projects.repository import ProjectRepository
from lineage.projects.service import ProjectService
from lineage.settings import Settings
from tests.integration.test_cli_and_local_neo4j import lineage


def image(asset_id: str, slot: str) -> NewGeneration:
    return NewGeneration(
        id=asset_id,
        type=AssetType.IMAGE,
        provider="fal",
        model="flux",
        slot=slot,
        project_code="VSS-001",
        estimated_cost=0.05,
    )


async def scenario(store: Store) -> None:
    """shot-001 and shot-002 make a video; shot-001 is then regenerated."""
    await ProjectService(ProjectRepository(store)).create("VSS-001")
    generations = GenerationService(store)
    for shot in ("shot-001", "shot-002"):
        await generations.record(image(shot, shot))
    frames = [Frame(asset_id="shot-001", role=FrameRole.START)]
    frames.append(Frame(asset_id="shot-002", role=FrameRole.END, position=1))
    await generations.record(
        NewGeneration(
            id="vid-1",
            type=AssetType.VIDEO,
            provider="fal",
            model="wan",
            frames=frames,
            project_code="VSS-001",
            estimated_cost=0.12,
        )
    )
    await generations.record(image("shot-001-v2", "shot-001"))


def env(settings: Settings) -> dict[str, str]:
    return {"NEO4J_URI": str(settings.neo4j_uri), "NEO4J_PASSWORD": settings.neo4j_password}


async def test_orphans_prints_json_and_a_table(store: Store, settings: Settings) -> None:
    await scenario(store)
    done = lineage("orphans", "VSS-001", "--json", **env(settings))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["totalCount"] == 1 and report["estimatedCost"] == 0.12
    [orphan] = report["orphans"]
    assert (orphan["id"], orphan["state"], orphan["rootCauses"]) == ("vid-1", "stale", ["shot-001"])
    assert report["byRootCause"] == [{"rootCause": "shot-001", "count": 1, "estimatedCost": 0.12}]
    table = lineage("orphans", "VSS-001", **env(settings))
    assert "vid-1" in table.stdout and "1 orphan(s)" in table.stdout


async def test_recompute_repairs_a_state_written_behind_its_back(
    store: Store, settings: Settings
) -> None:
    await scenario(store)
    cleared = {"id": "vid-1", "orphaned": False, "rootCauses": []}
    assert lineage("check", **env(settings)).returncode == 0
    await store.write("orphans/set_status", rows=[cleared], deltas=[])
    broken = lineage("check", **env(settings))
    assert broken.returncode == 2 and "1 asset(s) with a stale orphan state: vid-1" in broken.stdout
    done = lineage("recompute-orphans", **env(settings))
    assert done.returncode == 0, done.stderr
    assert "orphaned: 1, restored: 0" in done.stdout
    assert "the graph is sound" in lineage("check", **env(settings)).stdout
    again = lineage("orphans", "VSS-001", "--json", **env(settings))
    assert json.loads(again.stdout)["totalCount"] == 1


def test_an_unknown_project_has_no_orphans_and_says_so(settings: Settings) -> None:
    done = lineage("orphans", "NOPE-404", **env(settings))
    assert done.returncode == 0, done.stderr
    assert "0 orphan(s)" in done.stdout
