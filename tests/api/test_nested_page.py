"""A page of assets with its nested fields in one statement: the same answer as the
DataLoaders give, for every nested field, through fragments and aliases, in one
statement per page (plus `totalCount`'s own when it is asked for)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.helpers import image, prompt, video
from tests.api.test_projects_share_slot_names import project_with_scene
from tests.api.test_workflow_run_and_batching import RUN, n8n_run
from tests.conftest import GraphQLClient, LiveServer

STORY_BUILDER = """id frames { role position asset { id filename provider } }
  prompts { id text } previousVersion { id status }"""
EVERY_NESTED_FIELD = """id slot version projectCode isCurrent status
  frames { role position asset { id slot versions { id } previousVersion { id } } }
  prompts { id text kind refinedFrom { text } workflow { id } }
  sources { id slot } versions { id status isCurrent } previousVersion { id status }
  currentVersion { id version } usedBy { id type } workflow { id engine status }
  project { code title } orphanStatus { state reasons { kind rootCause path depth } }
  lineageCost"""
EVERY_NESTED_FIELD_ONE_DEEP = """id frames { role asset { id } } prompts { id } sources { id }
  versions { id } previousVersion { id } currentVersion { id } usedBy { id } workflow { id }
  project { code }"""
WITH_ALIASES = """key: id
  start: frames { role image: asset { id } } again: frames { position }
  before: previousVersion { id } now: currentVersion { id } where: project { code }"""
WITH_FRAGMENTS = """...Card ... on Asset { usedBy { id } }
  ... @include(if: true) { workflow { id } } sources @skip(if: true) { id }"""
CARD = """fragment Card on Asset { id prompts { text } versions { ...Attempt } }
fragment Attempt on Asset { id status previousVersion { id } }"""
SELECTIONS = {
    "story builder": STORY_BUILDER,
    "every nested field": EVERY_NESTED_FIELD,
    "aliases": WITH_ALIASES,
    "fragments": WITH_FRAGMENTS,
}
PAGES: dict[str, dict[str, Any]] = {
    "a project's videos, newest first": {
        "filter": {"projectCode": "VSS-001", "type": "VIDEO"},
    },
    "everything": {},
    "by cost, with assets that have none": {"orderBy": {"field": "COST", "direction": "ASC"}},
    "a project's ready ones by name": {
        "filter": {"projectCode": "VSS-002", "status": "READY"},
        "orderBy": {"field": "NAME", "direction": "DESC"},
    },
}
ARGUMENTS = "$filter: AssetFilter, $orderBy: AssetOrder, $first: Int, $after: String"
PAGE = """query(%s) { assets(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
  edges { cursor node { %s } } pageInfo { hasNextPage endCursor } } } %s"""
ONE_BY_ONE = "query { %s } %s"


async def thai_prompted_video(gql: GraphQLClient) -> None:
    """A video of VSS-001 made from a Thai prompt, which is then revised (it orphans the video)."""
    thai = await prompt(gql, kind="HUMAN", text="ลูกช้างน้อยเดินในป่า", role="animation")
    await video(
        gql,
        "VSS-001-elephant",
        "VSS-001-shot-001",
        "VSS-001-shot-002",
        slot="001-003",
        projectCode="VSS-001",
        promptIds=[thai["id"]],
    )
    await prompt(gql, kind="HUMAN", text="ลูกช้างน้อยวิ่งในป่า", role="animation", revisesId=thai["id"])


async def story_graph(gql: GraphQLClient) -> None:
    """Two projects with the same slot names, regenerations (one failed), frames, a
    workflow run, orphans and Thai prompts."""
    for code in ("VSS-001", "VSS-002"):
        await project_with_scene(gql, code)
    await image(gql, "VSS-002-shot-001-v2", slot="shot-001", projectCode="VSS-002")
    await image(gql, "VSS-002-shot-001-v3", slot="shot-001", projectCode="VSS-002")
    await video(
        gql,
        "VSS-001-vid-v2",
        "VSS-001-shot-001",
        "VSS-001-shot-002",
        status="FAILED",
        error="timeout",
        regeneratesId="VSS-001-vid",
    )
    await thai_prompted_video(gql)
    await image(gql, "VSS-002-poster", slot="poster", projectCode="VSS-002", name="poster")
    await gql.data(RUN, **{"in": n8n_run()})


def page_query(node: str) -> str:
    return PAGE % (ARGUMENTS, node, CARD if "..." in node else "")


async def one_by_one(gql: GraphQLClient, ids: list[str], node: str) -> list[dict[str, Any]]:
    """The assets by id, each through `asset(id:)` (served by the DataLoaders), a few per
    request (a request has at most 30 aliases)."""
    found: list[dict[str, Any]] = []
    for first in range(0, len(ids), 3):
        few = ids[first : first + 3]
        fields = " ".join(f'a{n}: asset(id: "{i}") {{ {node} }}' for n, i in enumerate(few))
        read = await gql.data(ONE_BY_ONE % (fields, CARD if "..." in node else ""))
        found += [read[f"a{n}"] for n in range(len(few))]
    return found


async def every_page(gql: GraphQLClient, node: str, **arguments: Any) -> list[dict[str, Any]]:
    """Every asset the pages of two list, in order."""
    edges, after = [], None
    while True:
        found = (await gql.data(page_query(node), first=2, after=after, **arguments))["assets"]
        edges += [edge["node"] for edge in found["edges"]]
        if not found["pageInfo"]["hasNextPage"]:
            return edges
        after = found["pageInfo"]["endCursor"]


@pytest.mark.parametrize("selection", SELECTIONS)
async def test_a_page_answers_as_the_loaders_do(gql: GraphQLClient, selection: str) -> None:
    await story_graph(gql)
    node = SELECTIONS[selection]
    for arguments in PAGES.values():
        ids = [a["id"] for a in await every_page(gql, "id", **arguments)]
        assert ids, arguments
        listed = await every_page(gql, node, **arguments)
        assert listed == await one_by_one(gql, ids, node), arguments


async def test_the_compared_graph_has_what_the_comparison_needs(gql: GraphQLClient) -> None:
    await story_graph(gql)
    node = "id frames { role } prompts { text } previousVersion { id } orphanStatus { state }"
    listed = {a["id"]: a for a in await every_page(gql, node)}
    assert listed["VSS-001-elephant"]["prompts"] == [{"text": "ลูกช้างน้อยเดินในป่า"}]
    assert listed["VSS-001-elephant"]["orphanStatus"] == {"state": "STALE"}
    assert listed["VSS-002-vid"]["orphanStatus"] == {"state": "STALE"}
    assert listed["VSS-002-shot-001-v3"]["previousVersion"] == {"id": "VSS-002-shot-001-v2"}
    assert len(listed["VSS-001-vid"]["frames"]) == 2


async def statements_for(gql: GraphQLClient, server: LiveServer, query: str, **args: Any) -> int:
    before = server.queries_run
    await gql.data(query, **args)
    return server.queries_run - before


async def test_the_story_builder_page_is_one_statement(
    gql: GraphQLClient, live_server: LiveServer
) -> None:
    await story_graph(gql)
    story = {"filter": {"projectCode": "VSS-001", "type": "VIDEO", "status": "READY"}}
    query = page_query(STORY_BUILDER)
    assert await statements_for(gql, live_server, query, first=100, **story) == 1
    assert await statements_for(gql, live_server, query, first=1, **story) == 1
    counted = query.replace("pageInfo {", "totalCount pageInfo {")
    assert await statements_for(gql, live_server, counted, first=100, **story) == 2
    everything = page_query(EVERY_NESTED_FIELD_ONE_DEEP)
    assert await statements_for(gql, live_server, everything, first=100) == 1
