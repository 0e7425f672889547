"""Keyset cursors: items recorded, archived or deleted between pages neither repeat nor go missing.

Every page starts strictly after its cursor's (sort key, id) in one total order,
so what a client reads page after page is strictly increasing in that order,
whatever is written in between; the assets that existed throughout are each read
exactly once.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import random
from typing import Any

from lineage.db.store import Store
from tests.api.helpers import prompt, record
from tests.conftest import GraphQLClient

PAGE = """query($o: AssetOrder, $first: Int, $after: String) {
  assets(orderBy: $o, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id createdAt estimatedCost name } } } }"""
FIELDS = {"CREATED_AT": "createdAt", "COST": "estimatedCost", "NAME": "name"}
SEEDED = 1000


def created(minute: int) -> str:
    return f"2025-03-{1 + minute // 1440:02d}T{minute // 60 % 24:02d}:{minute % 60:02d}:00.000Z"


def props(asset_id: str, n: int) -> dict[str, Any]:
    """An asset whose keys tie often (three per minute, seven costs, forty names) or are null."""
    return {
        "id": asset_id,
        "type": "image",
        "slot": asset_id,
        "slotKey": f"none/{asset_id}",
        "version": 1,
        "isCurrent": True,
        "provider": "fal",
        "model": "flux",
        "status": "ready",
        "createdAt": created(n // 3),
        "estimatedCost": None if n % 10 == 0 else (n % 7) / 100,
        "name": None if n % 9 == 0 else f"name-{n % 40:02d}",
    }


async def seed(store: Store, count: int) -> list[str]:
    ids = [f"seed-{n:04d}" for n in range(count)]
    rows = [
        {"props": props(i, n), "promptIds": [], "sourceIds": [], "frames": []}
        for n, i in enumerate(ids)
    ]
    await store.write("bench/create_assets", rows=rows)
    return ids


async def insert(gql: GraphQLClient, rng: random.Random, count: int) -> None:
    """Assets recorded through the API at once, anywhere in the seeded range of every key."""
    await asyncio.gather(*(record_like(gql, rng.randrange(SEEDED), rng) for _ in range(count)))


async def record_like(gql: GraphQLClient, n: int, rng: random.Random) -> None:
    fields = props(f"new-{rng.getrandbits(48):012x}", n)
    await record(
        gql,
        id=fields["id"],
        type="IMAGE",
        provider="fal",
        model="flux",
        slot=fields["id"],
        createdAt=fields["createdAt"],
        estimatedCost=fields["estimatedCost"],
        name=fields["name"],
    )


def sort_key(node: dict[str, Any], field: str) -> Any:
    return node[FIELDS[field]]


def before(x: dict[str, Any], y: dict[str, Any], field: str, descending: bool) -> bool:
    """x comes strictly before y: by key (nulls last either way), then id, same direction."""
    kx, ky = sort_key(x, field), sort_key(y, field)
    if (kx is None) != (ky is None):
        return ky is None
    pair = ((kx, x["id"]), (ky, y["id"])) if kx is not None else ((x["id"],), (y["id"],))
    return pair[0] > pair[1] if descending else pair[0] < pair[1]


def assert_in_order(seen: list[dict[str, Any]], field: str, descending: bool) -> None:
    for x, y in itertools.pairwise(seen):
        assert before(x, y, field, descending), (x, y)


class Reader:
    """Reads the catalog page after page, as a client does."""

    def __init__(self, gql: GraphQLClient, field: str, direction: str, size: int) -> None:
        self.gql, self.order, self.size = gql, {"field": field, "direction": direction}, size
        self.seen: list[dict[str, Any]] = []
        self.after: str | None = None
        self.done = False

    async def next_page(self) -> dict[str, Any]:
        data = await self.gql.data(PAGE, o=self.order, first=self.size, after=self.after)
        page: dict[str, Any] = data["assets"]
        self.seen += [edge["node"] for edge in page["edges"]]
        self.after = page["pageInfo"]["endCursor"] or self.after
        self.done = not page["pageInfo"]["hasNextPage"]
        return page

    def check(self, existed_throughout: set[str]) -> None:
        ids = [node["id"] for node in self.seen]
        assert len(ids) == len(set(ids)), "an asset was read twice"
        assert existed_throughout <= set(ids), sorted(existed_throughout - set(ids))[:5]
        assert_in_order(self.seen, self.order["field"], self.order["direction"] == "DESC")


async def test_inserts_between_pages_in_every_order(gql: GraphQLClient, store: Store) -> None:
    seeded = set(await seed(store, SEEDED))
    rng = random.Random(19)
    inserted = 0
    for field, direction in (("CREATED_AT", "DESC"), ("COST", "ASC"), ("NAME", "DESC")):
        reader = Reader(gql, field, direction, size=50)
        while not reader.done:
            page = await reader.next_page()
            assert page["totalCount"] == SEEDED + inserted
            if field == "CREATED_AT" and inserted < 200:
                await insert(gql, rng, 10)
                inserted += 10
        reader.check(seeded)
    assert inserted == 200


async def test_a_concurrent_writer_never_makes_a_page_repeat_or_skip(
    gql: GraphQLClient, store: Store
) -> None:
    seeded = set(await seed(store, SEEDED))
    reader = Reader(gql, "CREATED_AT", "ASC", size=40)

    async def write_until_read() -> int:
        written, rng = 0, random.Random(5)
        while not reader.done:
            await insert(gql, rng, 1)
            written += 1
        return written

    async def read_all() -> None:
        while not reader.done:
            await reader.next_page()

    written, _ = await asyncio.gather(write_until_read(), read_all())
    assert written > 0
    reader.check(seeded)


async def test_archives_and_deletes_between_pages(gql: GraphQLClient, store: Store) -> None:
    ids = await seed(store, 300)
    rng, deleted, deleted_unseen = random.Random(7), set(), set()
    reader = Reader(gql, "COST", "DESC", size=20)
    archive = "mutation($id: ID!) { archiveAsset(id: $id) { asset { status } } }"
    while not reader.done:
        await reader.next_page()
        seen = {node["id"] for node in reader.seen}
        unseen = [i for i in ids if i not in seen and i not in deleted]
        gone = rng.sample(unseen, min(3, len(unseen)))
        deleted_unseen |= set(gone)
        gone.append(reader.seen[-1]["id"])  # the cursor's own asset
        await store.write("bench/delete_assets", ids=gone)
        deleted |= set(gone)
        kept = [i for i in unseen if i not in deleted]
        for asset_id in rng.sample(kept, min(2, len(kept))):
            await gql.data(archive, id=asset_id)
    reader.check(set(ids) - deleted)
    assert not {node["id"] for node in reader.seen} & deleted_unseen


ORPHANS = """query($after: String) { orphans(projectCode: "P-ORPH", first: 25, after: $after) {
  pageInfo { hasNextPage endCursor } edges { node { id createdAt } } } }"""


async def orphans(store: Store, first: int, count: int) -> set[str]:
    rows = []
    for n in range(first, first + count):
        asset_id = f"orphan-{n:04d}"
        fields = props(asset_id, n % 150) | {
            "projectCode": "P-ORPH",
            "slotKey": f"project:P-ORPH/{asset_id}",
            "orphaned": True,
        }
        rows.append({"props": fields, "promptIds": [], "sourceIds": [], "frames": []})
    await store.write("bench/create_assets", rows=rows)
    return {row["props"]["id"] for row in rows}


async def test_orphan_pages_with_orphans_recorded_and_deleted_between(
    gql: GraphQLClient, store: Store
) -> None:
    await gql.data('mutation { createProject(input: {code: "P-ORPH"}) { code } }')
    existed = await orphans(store, 0, 150)
    seen: list[dict[str, Any]] = []
    after, added = None, 150
    while True:
        page = (await gql.data(ORPHANS, after=after))["orphans"]
        seen += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        await orphans(store, added, 5)
        added += 5
        await store.write("bench/delete_assets", ids=[seen[-1]["id"]])
        existed.discard(seen[-1]["id"])
    ids = [node["id"] for node in seen]
    assert len(ids) == len(set(ids)) and existed <= set(ids)
    assert_in_order(seen, "CREATED_AT", descending=True)


def edited(cursor: str) -> str:
    raw = bytearray(base64.urlsafe_b64decode(cursor))
    raw[-25] = ord("0") if raw[-25] != ord("0") else ord("1")
    return base64.urlsafe_b64encode(bytes(raw)).decode()


async def test_a_cursor_of_another_order_or_edited_is_invalid_input(
    gql: GraphQLClient, store: Store
) -> None:
    await seed(store, 5)
    by_date = (await gql.data(PAGE, first=2))["assets"]["pageInfo"]["endCursor"]
    prompts = "query($after: String) { prompts(after: $after) { totalCount } }"
    old_offset = base64.urlsafe_b64encode(b"offset:1").decode()
    bad = [
        (PAGE, {"o": {"field": "NAME", "direction": "DESC"}, "after": by_date}),
        (PAGE, {"o": {"field": "CREATED_AT", "direction": "ASC"}, "after": by_date}),
        (prompts, {"after": by_date}),
        (PAGE, {"after": edited(by_date)}),
        (PAGE, {"after": old_offset}),
        (PAGE, {"after": "not a cursor!"}),
    ]
    for query, variables in bad:
        body = await gql(query, **variables)
        error = body["errors"][0]
        assert error["extensions"]["code"] == "INVALID_INPUT", (variables, error)
        assert "'after'" in error["message"], error
    follows = await gql.data(PAGE, first=2, after=by_date)
    assert follows["assets"]["pageInfo"]["hasPreviousPage"] is True


async def read_all(gql: GraphQLClient, name: str, field: str) -> list[str]:
    query = f"""query($after: String) {{ {name}(first: 2, after: $after) {{
      pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {field} }} }} }} }}"""
    found, after = [], None
    while True:
        page = (await gql.data(query, after=after))[name]
        found += [edge["node"][field] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def test_projects_prompts_and_workflows_page_by_keyset(gql: GraphQLClient) -> None:
    run = """mutation($id: ID!, $at: DateTime!) {
      recordWorkflowRun(input: {id: $id, engine: "n8n", startedAt: $at}) { run { id } } }"""
    for n in (3, 1, 4, 0, 2):
        await gql.data(
            "mutation($c: String!) { createProject(input: {code: $c}) { code } }", c=f"P-{n}"
        )
        await prompt(
            gql,
            id=f"prompt-{n}",
            kind="HUMAN",
            text=f"words {n}",
            role="image",
            createdAt=created(n // 2),
        )
        await gql.data(run, id=f"run-{n}", at=created(n // 2))
    assert await read_all(gql, "projects", "code") == [f"P-{n}" for n in range(5)]
    newest_first = [4, 3, 2, 1, 0]  # ties (same minute) by id, descending
    assert await read_all(gql, "prompts", "id") == [f"prompt-{n}" for n in newest_first]
    assert await read_all(gql, "workflows", "id") == [f"run-{n}" for n in newest_first]
