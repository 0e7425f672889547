"""What the API answers about a project: everything a bundle must carry across.

File places (ref, name, URL) are the catalog's own and may differ between
instances; the bytes behind them (downloaded) must not.
"""

from __future__ import annotations

import hashlib
from typing import Any

from tests.conftest import GraphQLClient
from tests.orphans.test_orphans_api import ORPHANS

FIELDS = """id type slot version isCurrent status provider model name prompt createdAt
  completedAt estimatedCost generationTimeMs projectCode fileSha256 fileSizeBytes mediaType
  fileMissing orphaned params media { width height durationSeconds } lineageCost url
  versions { id } previousVersion { id } currentVersion { id }
  prompts { id text kind refinedFrom { id } } sources { id } usedBy { id }
  frames { role asset { id } } workflow { id engine executionId status }
  orphanStatus { state reasons { kind rootCause depth path } }"""
CATALOG = f"""query($code: String!, $after: String) {{
  assets(filter: {{projectCode: $code}}, orderBy: {{field: CREATED_AT, direction: ASC}},
         first: 100, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {FIELDS} }} }} }} }}"""
LINEAGE = """query($id: ID!, $dir: LineageDirection!) {
  lineage(id: $id, direction: $dir, depth: 10) { nodes { id } } }"""
COSTS = """query($code: String!, $by: CostGroupBy!) {
  costSummary(projectCode: $code, groupBy: $by) { totalCost groups { key attempts } } }"""
LISTS = """query($code: String!) {
  prompts(projectCode: $code, first: 100) { totalCount edges { node { id text kind role } } }
  workflows(projectCode: $code, first: 100) { totalCount edges { node { id engine status } } }
  project(code: $code) { code title } }"""


async def answers(gql: GraphQLClient, code: str) -> dict[str, Any]:
    assets = await _catalog(gql, code)
    found: dict[str, Any] = {"assets": assets, "lists": await gql.data(LISTS, code=code)}
    found["orphans"] = await gql.data(ORPHANS, code=code, root=None, first=100)
    for by in ("PROVIDER", "MODEL", "TYPE"):
        summary = (await gql.data(COSTS, code=code, by=by))["costSummary"]
        summary["totalCost"] = round(summary["totalCost"], 9)  # summed in storage order
        found[f"costs-{by}"] = summary
    for asset in assets:
        for direction in ("UPSTREAM", "DOWNSTREAM"):
            walked = await gql.data(LINEAGE, id=asset["id"], dir=direction)
            found[f"lineage-{direction}-{asset['id']}"] = sorted(
                n["id"] for n in walked["lineage"]["nodes"]
            )
        found[f"bytes-{asset['id']}"] = await _file_digest(gql, asset.pop("url"))
    return found


async def _catalog(gql: GraphQLClient, code: str) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await gql.data(CATALOG, code=code, after=after))["assets"]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return sorted(nodes, key=lambda n: n["id"])
        after = page["pageInfo"]["endCursor"]


async def _file_digest(gql: GraphQLClient, url: str | None) -> str | None:
    if url is None:
        return None
    response = await gql.http.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return hashlib.sha256(response.content).hexdigest()
