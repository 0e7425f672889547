"""Eight writers record generations at once over HTTP, sharing projects, prompts and slots.

Afterwards no generation is lost or duplicated, every slot's version chain is
intact with one current version, and the stored orphan state equals a full
recomputation. Each writer also replays some requests with their client key.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

import httpx

from lineage.db.store import Store
from lineage.integrity import check_integrity
from tests.api.helpers import RECORD, image, prompt
from tests.conftest import GraphQLClient

WRITERS = 8
# The 8 x 1,000 (about 3 minutes here); LINEAGE_CONCURRENCY_PER_WRITER scales it.
PER_WRITER = int(os.environ.get("LINEAGE_CONCURRENCY_PER_WRITER", "1000"))
SHOTS = 20
PROMPTS = 10
COMPLETE = "mutation($id: ID!) { completeGeneration(input: {id: $id}) { asset { id } } }"
COUNT = "{ assets(first: 0) { totalCount } }"


def generation(writer: int, n: int) -> dict[str, Any]:
    """The n-th generation of a writer: mostly shared-slot shots, some videos and thumbnails."""
    shot = (writer + n) % SHOTS
    common = {
        "id": f"w{writer}-{n}",
        "provider": "fal",
        "projectCode": f"P{writer % 2}",
        "clientKey": f"key-w{writer}-{n}",
        "estimatedCost": 0.01,
    }
    kind = n % 10
    if kind in {6, 7}:
        frames = [
            {"assetId": f"shot-{shot}", "role": "START"},
            {"assetId": f"shot-{(shot + 1) % SHOTS}", "role": "END"},
        ]
        return {**common, "type": "VIDEO", "model": "wan", "frames": frames}
    if kind == 9:
        return {
            **common,
            "type": "THUMBNAIL",
            "model": "t",
            "sourceAssetIds": [f"w{writer}-{n - 3}"],
        }
    status = "GENERATING" if kind == 8 else "READY"
    return {
        **common,
        "type": "IMAGE",
        "model": "flux",
        "slot": f"shot-{shot}",
        "status": status,
        "promptIds": [f"prompt-{n % PROMPTS}"],
    }


async def writer(client: httpx.AsyncClient, number: int) -> int:
    """Records its generations (completing the generating ones); returns the replays sent."""
    replays = 0
    for n in range(PER_WRITER):
        request = generation(number, n)
        body = await post(client, RECORD, {"in": request})
        assert "errors" not in body, (request["id"], body)
        if request.get("status") == "GENERATING":
            done = await post(client, COMPLETE, {"id": request["id"]})
            assert "errors" not in done, done
        if n % 50 == 0:  # a client that timed out and sent the same request again
            again = await post(client, RECORD, {"in": request})
            first, replayed = body["data"]["recordGeneration"], again["data"]["recordGeneration"]
            # The same attempt comes back (its isCurrent may have moved on since).
            assert same_attempt(first["asset"]) == same_attempt(replayed["asset"]), again
            replays += 1
    return replays


def same_attempt(asset: dict[str, Any]) -> tuple[Any, ...]:
    return asset["id"], asset["slot"], asset["version"], asset["type"]


async def post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


async def setup(gql: GraphQLClient) -> None:
    for code in ("P0", "P1"):
        await gql.data(f'mutation {{ createProject(input: {{code: "{code}"}}) {{ code }} }}')
    for p in range(PROMPTS):
        await prompt(gql, id=f"prompt-{p}", kind="HUMAN", text=f"shot idea {p}", role="image")
    for s in range(SHOTS):
        await image(gql, f"shot-{s}", projectCode=f"P{s % 2}")


async def test_eight_concurrent_writers_lose_and_duplicate_nothing(
    gql: GraphQLClient, http: httpx.AsyncClient, store: Store
) -> None:
    await setup(gql)
    started = time.perf_counter()
    async with httpx.AsyncClient(
        base_url=http.base_url, headers=http.headers, timeout=120
    ) as client:
        replays = await asyncio.gather(*(writer(client, w) for w in range(WRITERS)))
    elapsed = time.perf_counter() - started
    total = (await gql.data(COUNT))["assets"]["totalCount"]
    assert total == SHOTS + WRITERS * PER_WRITER
    assert await check_integrity(store) == []
    print(
        f"\n{WRITERS} writers x {PER_WRITER} generations ({sum(replays)} replays): "
        f"{elapsed:.1f} s, {WRITERS * PER_WRITER / elapsed:.0f} generations/s"
    )
