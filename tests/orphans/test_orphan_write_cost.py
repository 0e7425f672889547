"""A change and its orphan update cost 2 statements, with BEGIN sent along with the
first: counted in the app's store and in Bolt round trips (each flush of the driver's
socket is one), for a small change and for one that takes the short way. A new attempt
(a generation, a regeneration) and a status change (complete, fail, revert, archive)
each check their rules in their own statement; only a refusal reads why in one more."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from neo4j._async_compat.network._bolt_socket import AsyncBoltSocketBase

from tests.api.helpers import image, video
from tests.conftest import GraphQLClient
from tests.live_server import LiveServer

CHANGE = "asset { id } orphanedIds restoredIds"
RECORD = f"mutation($in: RecordGenerationInput!) {{ recordGeneration(input: $in) {{ {CHANGE} }} }}"
COMPLETE = f"mutation($id: ID!) {{ completeGeneration(input: {{id: $id}}) {{ {CHANGE} }} }}"
FAIL = f'mutation($id: ID!) {{ failGeneration(id: $id, error: "quota") {{ {CHANGE} }} }}'
REVERT = f"mutation($id: ID!) {{ revertTo(assetId: $id) {{ {CHANGE} }} }}"
ARCHIVE = f"mutation($id: ID!) {{ archiveAsset(id: $id) {{ {CHANGE} }} }}"
MOST_STATEMENTS = 2


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
async def test_each_change_costs_at_most_two_statements(
    gql: GraphQLClient, meter: Meter, dependants: int
) -> None:
    shot = f"shot-{dependants}"
    await built_from(gql, shot, dependants)

    async def run(query: str, **variables: Any) -> dict[str, Any]:
        cost, data = await meter.cost(lambda: gql.data(query, **variables))
        within_budget(cost)
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


async def test_a_new_asset_costs_at_most_two_statements(gql: GraphQLClient, meter: Meter) -> None:
    await image(gql, "start")
    cost, _ = await meter.cost(lambda: video(gql, "clip", "start", "start"))
    within_budget(cost)
    cost, _ = await meter.cost(lambda: image(gql, "another"))
    within_budget(cost)


async def test_a_refused_generation_reads_why_in_one_more_statement(
    gql: GraphQLClient, meter: Meter
) -> None:
    await image(gql, "start")
    cost, body = await meter.cost(lambda: gql(RECORD, **regeneration("nope", "redo")))
    assert body["errors"][0]["extensions"]["code"] == "NOT_FOUND", body
    # the refused write and the read of why (a refused transaction commits nothing: its
    # last round trip ends it)
    assert cost.statements == MOST_STATEMENTS, cost
