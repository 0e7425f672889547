"""Two projects record the same slot names side by side: each slot belongs to its project.

Every FliGen project names its shots `shot-001`, `shot-002` and its scenes `001-002`.
Versions, current versions, orphans, impact, lineage and costs stay within the project.
"""

from __future__ import annotations

from typing import Any

from lineage.db.store import Store
from lineage.integrity import check_integrity
from tests.api.helpers import image, record, record_error, video
from tests.conftest import GraphQLClient
from tests.orphans.test_orphans_api import IMPACT, ORPHANS

PROJECTS = ("VSS-001", "VSS-002")
AN_IMAGE = {"type": "IMAGE", "provider": "fal", "model": "m"}
DETAIL = """query($id: ID!) { asset(id: $id) {
  id slot version isCurrent projectCode lineageCostMoney { amount }
  versions { id } previousVersion { id } currentVersion { id }
  orphanStatus { state reasons { rootCause } } } }"""
LINEAGE = """query($id: ID!) { lineage(id: $id, direction: BOTH, depth: 10) { nodes { id } } }"""
COSTS = """query($code: String!) { costSummary(projectCode: $code, groupBy: PROVIDER) {
  totalCost groups { key attempts } } }"""


async def project_with_scene(gql: GraphQLClient, code: str) -> None:
    """shot-001 and shot-002, and the 001-002 video made from them, in project `code`."""
    await gql.data("mutation($c: String!) { createProject(input: {code: $c}) { code } }", c=code)
    for shot in ("shot-001", "shot-002"):
        await image(gql, f"{code}-{shot}", slot=shot, projectCode=code)
    await video(
        gql, f"{code}-vid", f"{code}-shot-001", f"{code}-shot-002", slot="001-002", projectCode=code
    )


async def detail(gql: GraphQLClient, asset_id: str) -> dict[str, Any]:
    found: dict[str, Any] = (await gql.data(DETAIL, id=asset_id))["asset"]
    return found


async def test_same_slot_names_live_side_by_side(gql: GraphQLClient, store: Store) -> None:
    for code in PROJECTS:
        await project_with_scene(gql, code)
    again = await image(gql, "VSS-002-shot-001-v2", slot="shot-001", projectCode="VSS-002")
    assert (again["slot"], again["version"], again["isCurrent"]) == ("shot-001", 2, True)

    first = await detail(gql, "VSS-001-shot-001")
    assert first["version"] == 1 and first["isCurrent"]
    assert [v["id"] for v in first["versions"]] == ["VSS-001-shot-001"]
    assert first["currentVersion"] == {"id": "VSS-001-shot-001"}
    second = await detail(gql, "VSS-002-shot-001-v2")
    assert [v["id"] for v in second["versions"]] == ["VSS-002-shot-001", "VSS-002-shot-001-v2"]
    assert second["previousVersion"] == {"id": "VSS-002-shot-001"}

    untouched = await detail(gql, "VSS-001-vid")
    assert untouched["orphanStatus"]["state"] == "OK"
    stale = await detail(gql, "VSS-002-vid")
    assert stale["orphanStatus"]["reasons"] == [{"rootCause": "VSS-002-shot-001"}]
    for code, count in zip(PROJECTS, (0, 1), strict=True):
        orphans = (await gql.data(ORPHANS, code=code, root=None, first=10))["orphans"]
        assert orphans["totalCount"] == count
    assert await check_integrity(store) == []


async def test_each_project_numbers_its_own_scene_versions(gql: GraphQLClient) -> None:
    for code in PROJECTS:
        await project_with_scene(gql, code)
    redo = await video(
        gql,
        "VSS-002-vid-v2",
        "VSS-002-shot-001",
        "VSS-002-shot-002",
        slot="001-002",
        projectCode="VSS-002",
    )
    assert redo["version"] == 2
    assert (await detail(gql, "VSS-001-vid"))["isCurrent"] is True
    assert (await detail(gql, "VSS-002-vid"))["isCurrent"] is False


async def test_lineage_and_costs_stay_in_the_project(gql: GraphQLClient) -> None:
    for code in PROJECTS:
        await project_with_scene(gql, code)
    await image(gql, "VSS-002-shot-001-v2", slot="shot-001", projectCode="VSS-002")
    walked = (await gql.data(LINEAGE, id="VSS-001-vid"))["lineage"]["nodes"]
    assert {n["id"] for n in walked} == {"VSS-001-vid", "VSS-001-shot-001", "VSS-001-shot-002"}
    # two shots (0.05 each) and one video attempt (0.12): the other project's shot
    # attempts are not counted
    assert (await detail(gql, "VSS-001-vid"))["lineageCostMoney"] == {"amount": "0.22"}
    summary = (await gql.data(COSTS, code="VSS-001"))["costSummary"]
    assert summary["groups"] == [{"key": "fal", "attempts": 3}]


async def test_impact_of_a_regeneration_stays_in_the_project(gql: GraphQLClient) -> None:
    for code in PROJECTS:
        await project_with_scene(gql, code)
    impact = (await gql.data(IMPACT, id="VSS-001-shot-001", action="REGENERATE"))["impact"]
    assert [o["asset"]["id"] for o in impact["orphaned"]] == ["VSS-001-vid"]


async def test_a_regeneration_cannot_cross_projects(gql: GraphQLClient, store: Store) -> None:
    for code in PROJECTS:
        await project_with_scene(gql, code)
    error = await record_error(
        gql, id="intruder", projectCode="VSS-002", regeneratesId="VSS-001-shot-001", **AN_IMAGE
    )
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert "projectCode" in error["message"] and "VSS-001" in error["message"]
    assert await store.read("assets/find_many", ids=["intruder"]) == []
    assert await check_integrity(store) == []


async def test_a_regeneration_naming_no_project_joins_its_slots(gql: GraphQLClient) -> None:
    await project_with_scene(gql, "VSS-001")
    redo = await record(gql, id="redo", regeneratesId="VSS-001-shot-001", **AN_IMAGE)
    assert (redo["slot"], redo["version"]) == ("shot-001", 2)
    assert (await detail(gql, "redo"))["projectCode"] == "VSS-001"


async def test_a_slot_of_only_spaces_is_refused(gql: GraphQLClient, store: Store) -> None:
    error = await record_error(gql, id="blank", slot="   ", **AN_IMAGE)
    assert error["extensions"]["code"] == "INVALID_INPUT"
    assert "slot" in error["message"]
    assert await store.read("integrity/list_snapshot") == []
