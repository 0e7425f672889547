"""A change and its orphan update cost 1 statement when the change claims few assets (the
statement stores their orphan state too, and takes the short way when it applies) and 2
when it claims more, with BEGIN sent along with the first: counted in the app's store and
in Bolt round trips (each flush of the driver's socket is one). A new attempt (a
generation, a regeneration) and a status change (complete, fail, revert, archive) each
check their rules in their own statement; only a refusal reads why in one more."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from neo4j._async_compat.network._bolt_socket import AsyncBoltSocketBase

from lineage.db.cypher import load_text
from lineage.db.store import Store, Tx
from lineage.generations.plans import REFUSED_ID
from lineage.orphans import tracker
from lineage.settings import Settings
from lineage.state import ServiceState
from tests.api.helpers import image, video
from tests.conftest import GraphQLClient
from tests.demo.test_reset import snapshot
from tests.live_server import LiveServer

CHANGE = "asset { id } orphanedIds restoredIds"
RECORD = f"mutation($in: RecordGenerationInput!) {{ recordGeneration(input: $in) {{ {CHANGE} }} }}"
COMPLETE = f"mutation($id: ID!) {{ completeGeneration(input: {{id: $id}}) {{ {CHANGE} }} }}"
FAIL = f'mutation($id: ID!) {{ failGeneration(id: $id, error: "quota") {{ {CHANGE} }} }}'
REVERT = f"mutation($id: ID!) {{ revertTo(assetId: $id) {{ {CHANGE} }} }}"
ARCHIVE = f"mutation($id: ID!) {{ archiveAsset(id: $id) {{ {CHANGE} }} }}"
MOST_STATEMENTS = 2
SMALL_CHANGE_STATEMENTS = 1  # orphans/refresh/store_claimed and move_root finish the refresh
PLANS_CLEARED = re.compile(r"cleared of (\d+) quer")


@dataclass
class Cost:
    statements: int = 0
    round_trips: int = 0


class Meter:
    """Counts what one request costs: the app's statements and the driver's flushes."""

    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.flushes = 0

    async def cost(self, call: Callable[[], Awaitable[Any]]) -> tuple[Cost, Any]:
        statements, flushes = self.server.queries_run, self.flushes
        result = await call()
        return Cost(self.server.queries_run - statements, self.flushes - flushes), result


@pytest.fixture
def meter(live_server: LiveServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[Meter]:
    counting = Meter(live_server)
    sendall = AsyncBoltSocketBase.sendall

    async def counted(socket: AsyncBoltSocketBase, data: bytes) -> Any:
        counting.flushes += 1
        return await sendall(socket, data)

    monkeypatch.setattr(AsyncBoltSocketBase, "sendall", counted)
    yield counting


def regeneration(of: str, new_id: str, **extra: Any) -> dict[str, Any]:
    fields = {"id": new_id, "type": "IMAGE", "provider": "fal", "model": "flux"}
    return {"in": {**fields, "regeneratesId": of, **extra}}


async def built_from(gql: GraphQLClient, shot: str, videos: int) -> None:
    await image(gql, shot)
    for n in range(videos):
        await video(gql, f"{shot}-v{n}", shot, shot)


def within_budget(cost: Cost, statements: int = MOST_STATEMENTS) -> None:
    assert cost.statements <= statements, cost
    # one round trip per statement and the COMMIT: BEGIN went with the first statement
    assert cost.round_trips == cost.statements + 1, cost


@pytest.mark.parametrize("dependants", [2, 20], ids=["long way", "short way"])
async def test_each_change_costs_one_statement_the_short_way_included(
    gql: GraphQLClient, meter: Meter, dependants: int
) -> None:
    shot = f"shot-{dependants}"
    await built_from(gql, shot, dependants)

    async def run(query: str, **variables: Any) -> dict[str, Any]:
        cost, data = await meter.cost(lambda: gql.data(query, **variables))
        within_budget(cost, SMALL_CHANGE_STATEMENTS)
        [payload] = data.values()
        result: dict[str, Any] = payload
        return result

    regenerated = await run(RECORD, **regeneration(shot, f"{shot}-r1"))
    assert len(regenerated["orphanedIds"]) == dependants
    reverted = await run(REVERT, id=shot)
    assert len(reverted["restoredIds"]) == dependants
    archived = await run(ARCHIVE, id=shot)  # its regeneration becomes current
    assert len(archived["orphanedIds"]) == dependants
    await run(RECORD, **regeneration(f"{shot}-r1", f"{shot}-r2", status="GENERATING"))
    completed = await run(COMPLETE, id=f"{shot}-r2")
    assert completed["asset"]["id"] == f"{shot}-r2"
    await run(RECORD, **regeneration(f"{shot}-r2", f"{shot}-r3", status="GENERATING"))
    failed = await run(FAIL, id=f"{shot}-r3")
    assert failed["asset"]["id"] == f"{shot}-r3"


async def test_a_new_asset_costs_one_statement(gql: GraphQLClient, meter: Meter) -> None:
    await image(gql, "start")
    cost, _ = await meter.cost(lambda: video(gql, "clip", "start", "start"))
    within_budget(cost, SMALL_CHANGE_STATEMENTS)
    cost, _ = await meter.cost(lambda: image(gql, "another"))
    within_budget(cost, SMALL_CHANGE_STATEMENTS)


async def test_a_claim_larger_than_its_statement_stores_is_stored_by_one_more(
    gql: GraphQLClient, meter: Meter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tracker, "STORED_WITH_CLAIM", 3)
    await built_from(gql, "wide", 2)
    # the new attempt, the superseded one and its 2 videos: 4 claimed, 3 at most stored
    cost, data = await meter.cost(lambda: gql.data(RECORD, **regeneration("wide", "wide-r1")))
    within_budget(cost)
    assert cost.statements == MOST_STATEMENTS, cost
    assert sorted(data["recordGeneration"]["orphanedIds"]) == ["wide-v0", "wide-v1"]
    cost, _ = await meter.cost(lambda: image(gql, "narrow"))  # 1 claimed
    within_budget(cost, SMALL_CHANGE_STATEMENTS)


async def test_a_refused_generation_reads_why_in_one_more_statement(
    gql: GraphQLClient, meter: Meter
) -> None:
    await image(gql, "start")
    cost, body = await meter.cost(lambda: gql(RECORD, **regeneration("nope", "redo")))
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", body
    # the refused write and the read of why (a refused transaction commits nothing: its
    # last round trip ends it)
    assert cost.statements == MOST_STATEMENTS, cost


async def cached_plans(store: Store) -> int:
    """How many plans Neo4j held, as it says when it empties its query caches."""
    [row] = await store.write("bench/clear_query_caches")
    found = PLANS_CLEARED.search(row["value"])
    return int(found.group(1)) if found else 0


async def recorded(gql: GraphQLClient, asset_id: str, kind: str, **fields: Any) -> None:
    """Record an asset, asking only for what a change returns (a nested field would
    run reads whose plans depend on its list's size)."""
    given = {"id": asset_id, "type": kind, "provider": "fal", "model": "flux", **fields}
    await gql.data(RECORD, **{"in": given})


async def every_change(gql: GraphQLClient, shot: str, dependants: int, sources: int) -> None:
    """Record an image and videos built from it (each from `sources` more images),
    then regenerate, revert, archive, complete and fail (long or short way)."""
    await recorded(gql, shot, "IMAGE", slot=shot)
    others = [f"{shot}-src{n}" for n in range(sources)]
    for other in others:
        await recorded(gql, other, "IMAGE")
    frames = [{"assetId": shot, "role": "START"}, {"assetId": shot, "role": "END"}]
    for n in range(dependants):
        await recorded(gql, f"{shot}-v{n}", "VIDEO", frames=frames, sourceAssetIds=others)
    await gql.data(RECORD, **regeneration(shot, f"{shot}-r1", slot=shot))
    await gql.data(REVERT, id=shot)
    await gql.data(ARCHIVE, id=shot)
    await gql.data(RECORD, **regeneration(f"{shot}-r1", f"{shot}-r2", status="GENERATING"))
    await gql.data(COMPLETE, id=f"{shot}-r2")
    await gql.data(RECORD, **regeneration(f"{shot}-r2", f"{shot}-r3", status="GENERATING"))
    await gql.data(FAIL, id=f"{shot}-r3")


@pytest.fixture
def statements(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Every statement the app runs in a write transaction, with its parameters."""
    seen: list[tuple[str, dict[str, Any]]] = []
    run = Tx.run

    async def recording(tx: Tx, name: str, **params: Any) -> list[dict[str, Any]]:
        seen.append((name, params))
        return await run(tx, name, **params)

    monkeypatch.setattr(Tx, "run", recording)
    return seen


def shape_of(params: dict[str, Any]) -> str:
    """What of a statement's parameters Neo4j's plan cache tells apart, one level into
    maps: types, and sizes of lists and strings (exact here; Neo4j uses classes)."""

    def of(value: Any) -> str:
        size = len(value) if isinstance(value, (list, str)) else ""
        return f"{type(value).__name__}{size}"

    return ",".join(
        f"{k}:{{{','.join(f'{kk}:{of(vv)}' for kk, vv in sorted(v.items()))}}}"
        if isinstance(v, dict)
        else f"{k}:{of(v)}"
        for k, v in sorted(params.items())
    )


async def plans_made(store: Store, name: str, runs: list[dict[str, Any]]) -> int:
    """How many plans Neo4j makes for the statement `name` run with each of `runs`
    (from empty caches, each run rolled back)."""
    await cached_plans(store)
    async with store.driver.session(database=store.database) as session:
        for params in runs:
            tx = await session.begin_transaction()
            await (await tx.run(load_text(name), params)).consume()
            await tx.rollback()
    return await cached_plans(store)


async def test_each_write_statement_is_planned_once_whatever_its_parameters_hold(
    gql: GraphQLClient,
    store: Store,
    statements: list[tuple[str, dict[str, Any]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # planning a composed write takes Neo4j 0.3-3 s of CPU, and it keys its plan cache
    # on the parameters' types and size classes of lists and strings: a map hides them
    await every_change(gql, "shot", 2, sources=0)
    await every_change(gql, "hub", 20, sources=3)
    await every_change(gql, "a-shot-with-a-longer-id", 5, sources=1)
    monkeypatch.setattr(tracker, "STORED_WITH_CLAIM", -1)  # the refresh Python stores
    await every_change(gql, "stored-by-python", 2, sources=0)
    runs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for name, params in statements:
        runs[name].append(params)
    assert len(runs) >= 3, list(runs)  # a new attempt, a status change, the stored refresh
    for name, each in runs.items():
        shapes = {shape_of(params): params for params in each}
        for shape, params in shapes.items():  # in pairs: Neo4j may replan an older plan
            assert await plans_made(store, name, [each[0], params]) == 1, (name, shape)


async def test_the_service_runs_every_change_statement_before_the_first_request(
    gql: GraphQLClient,
    store: Store,
    settings: Settings,
    statements: list[tuple[str, dict[str, Any]]],
) -> None:
    # with the test above (one plan per statement, whatever its parameters hold), the
    # first change after a start of the service finds its statements planned
    await every_change(gql, "shot", 2, sources=1)
    await every_change(gql, "hub", 20, sources=0)
    changes = {name for name, _ in statements}
    # the warm-up's own id taken by a superseded attempt: its refused changes could
    # revert it, were the warm-up's transaction not rolled back
    await image(gql, REFUSED_ID)
    await image(gql, "replaces-the-warm-up-id", slot=REFUSED_ID, regeneratesId=REFUSED_ID)
    before = await snapshot(store)
    statements.clear()
    assert await ServiceState(settings, store).ensure_schema()
    assert {name for name, _ in statements} >= changes
    assert await snapshot(store) == before  # the warm-up wrote nothing
