"""The pages `lineage bench-story` times, each three ways: Lineage's GraphQL API, the
peer (`@neo4j/graphql` over the same graph, see peer/) and one hand-written Cypher
statement through the driver (the floor). Every way answers as the same plain data
(`normalised`), so the sides are compared before they are timed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
from neo4j import READ_ACCESS

from lineage.bench.measure import post
from lineage.db import cypher
from lineage.db.store import Row, Store, translated_errors
from lineage.fulltext import keywords_query

STORY_LIMIT, SEARCH_LIMIT, ORPHANS_LIMIT = 100, 50, 50

LINEAGE_STORY = """query Story($code: String!, $first: Int!) {
  assets(filter: {projectCode: $code, status: READY, type: VIDEO}, first: $first,
         orderBy: {field: CREATED_AT, direction: DESC}) {
    edges { node {
      id
      frames { role position asset { id filename provider } }
      prompts { id text }
      previousVersion { id status }
    } }
  }
}"""
PEER_STORY = """query Story($code: String!, $first: Int!) {
  assets(where: {projectCode: {eq: $code}, status: {eq: "ready"}, type: {eq: "video"}},
         sort: [{createdAt: DESC}, {id: DESC}], limit: $first) {
    id
    framesConnection { edges { properties { role position } node { id filename provider } } }
    prompts { id text }
    previousVersion { id status }
  }
}"""
LINEAGE_SEARCH = """query Search($words: String!, $first: Int!) {
  assets(filter: {search: $words}, first: $first) { edges { node { id } } }
}"""
LINEAGE_ORPHANS = """query Orphans($code: String!, $first: Int!) {
  orphans(projectCode: $code, first: $first) { totalCount edges { node { id } } }
}"""
PEER_ORPHANS = """query Orphans($code: String!, $first: Int!) {
  assets(where: {projectCode: {eq: $code}, orphaned: {eq: true}},
         sort: [{createdAt: DESC}, {id: DESC}], limit: $first) { id }
  assetsConnection(where: {projectCode: {eq: $code}, orphaned: {eq: true}}) {
    aggregate { count { nodes } }
  }
}"""


def story_asset(
    asset_id: str,
    frames: list[dict[str, Any]],
    prompts: list[dict[str, Any]],
    previous: dict[str, Any] | None,
) -> dict[str, Any]:
    """One video of the page as every side must give it: enums lower case, lists sorted."""
    return {
        "id": asset_id,
        "frames": sorted(
            (f["role"].lower(), f["position"], f["id"], f["filename"], f["provider"])
            for f in frames
        ),
        "prompts": sorted((p["id"], p["text"]) for p in prompts),
        "previous": previous and (previous["id"], previous["status"].lower()),
    }


def lineage_story(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        story_asset(
            node["id"],
            [{**f, **f.pop("asset")} for f in node["frames"]],
            node["prompts"],
            node["previousVersion"],
        )
        for node in (edge["node"] for edge in data["assets"]["edges"])
    ]


def peer_story(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        story_asset(
            node["id"],
            [{**e["properties"], **e["node"]} for e in node["framesConnection"]["edges"]],
            node["prompts"],
            next(iter(node["previousVersion"]), None),
        )
        for node in data["assets"]
    ]


def floor_story(rows: list[Row]) -> list[dict[str, Any]]:
    return [story_asset(r["id"], r["frames"], r["prompts"], r["previous"]) for r in rows]


def lineage_ids(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in data["assets"]["edges"]]


def floor_ids(rows: list[Row]) -> list[str]:
    return [row["id"] for row in rows]


def lineage_orphans(data: dict[str, Any]) -> dict[str, Any]:
    page = data["orphans"]
    return {"totalCount": page["totalCount"], "ids": [e["node"]["id"] for e in page["edges"]]}


def peer_orphans(data: dict[str, Any]) -> dict[str, Any]:
    count = data["assetsConnection"]["aggregate"]["count"]["nodes"]
    return {"totalCount": count, "ids": [node["id"] for node in data["assets"]]}


def floor_orphans(rows: list[Row]) -> dict[str, Any]:
    return {"totalCount": rows[0]["totalCount"], "ids": list(rows[0]["ids"])}


Fetch = Callable[[], Awaitable[Any]]


@dataclass(frozen=True)
class PageSides:
    """One page's three ways, each timed until its answer is plain data (normalised)."""

    lineage: Fetch
    floor: Fetch
    peer: Fetch | None  # None: the peer cannot express the page


async def run_floor(store: Store, name: str, **params: Any) -> list[Row]:
    """A `cypher/bench/` statement straight through the driver, in an implicit
    transaction (one round trip), as the API's reads run."""
    async with (
        translated_errors(),
        store.driver.session(database=store.database, default_access_mode=READ_ACCESS) as session,
    ):
        result = await session.run(cypher.load(name), params)
        return [dict(record) async for record in result]


@dataclass(frozen=True)
class Clients:
    lineage: aiohttp.ClientSession
    peer: aiohttp.ClientSession
    store: Store


@dataclass(frozen=True)
class Ask:
    """One side's request: a GraphQL document (or a `cypher/` name for the floor), its
    variables, and how its answer becomes the normalised form."""

    text: str
    variables: dict[str, Any]
    read: Callable[[Any], Any]


def sides(clients: Clients, lineage: Ask, floor: Ask, peer: Ask | None) -> PageSides:
    def over_http(http: aiohttp.ClientSession, ask: Ask) -> Fetch:
        async def fetch() -> Any:
            return ask.read(await post(http, ask.text, **ask.variables))

        return fetch

    async def through_driver() -> Any:
        return floor.read(await run_floor(clients.store, floor.text, **floor.variables))

    found = over_http(clients.peer, peer) if peer is not None else None
    return PageSides(over_http(clients.lineage, lineage), through_driver, found)


def story_page(clients: Clients, code: str) -> PageSides:
    asked = {"code": code, "first": STORY_LIMIT}
    return sides(
        clients,
        Ask(LINEAGE_STORY, asked, lineage_story),
        Ask("bench/story_page", {"projectCode": code, "limit": STORY_LIMIT}, floor_story),
        Ask(PEER_STORY, asked, peer_story),
    )


def search_page(clients: Clients, words: str) -> PageSides:
    floor = {"search": keywords_query(words), "limit": SEARCH_LIMIT}
    return sides(  # the peer has no search through prompt chains
        clients,
        Ask(LINEAGE_SEARCH, {"words": words, "first": SEARCH_LIMIT}, lineage_ids),
        Ask("bench/story_search_page", floor, floor_ids),
        None,
    )


def orphans_page(clients: Clients, code: str) -> PageSides:
    asked = {"code": code, "first": ORPHANS_LIMIT}
    return sides(
        clients,
        Ask(LINEAGE_ORPHANS, asked, lineage_orphans),
        Ask(
            "bench/story_orphans_page", {"projectCode": code, "limit": ORPHANS_LIMIT}, floor_orphans
        ),
        Ask(PEER_ORPHANS, asked, peer_orphans),
    )
