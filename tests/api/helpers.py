"""Small GraphQL helpers for API tests: record things with one line each."""

from __future__ import annotations

from typing import Any

from tests.conftest import GraphQLClient

ASSET_FIELDS = "id type slot version isCurrent status provider model estimatedCost params"
RECORD = f"""mutation($in: RecordGenerationInput!) {{
  recordGeneration(input: $in) {{ asset {{ {ASSET_FIELDS} }} }} }}"""
PROMPT = """mutation($in: RecordPromptInput!) { recordPrompt(input: $in) { id kind text role } }"""


async def record(gql: GraphQLClient, **fields: Any) -> dict[str, Any]:
    data = await gql.data(RECORD, **{"in": fields})
    asset: dict[str, Any] = data["recordGeneration"]["asset"]
    return asset


async def record_error(gql: GraphQLClient, **fields: Any) -> dict[str, Any]:
    body = await gql(RECORD, **{"in": fields})
    assert "errors" in body, body
    error: dict[str, Any] = body["errors"][0]
    return error


async def prompt(gql: GraphQLClient, **fields: Any) -> dict[str, Any]:
    data = await gql.data(PROMPT, **{"in": fields})
    result: dict[str, Any] = data["recordPrompt"]
    return result


async def image(gql: GraphQLClient, id: str, **extra: Any) -> dict[str, Any]:
    fields = {
        "type": "IMAGE",
        "provider": "fal",
        "model": "Flux Pro v1.1",
        "slot": id,
        "estimatedCost": 0.05,
        **extra,
    }
    return await record(gql, id=id, **fields)


async def video(gql: GraphQLClient, id: str, start: str, end: str, **extra: Any) -> dict[str, Any]:
    frames = [{"assetId": start, "role": "START"}, {"assetId": end, "role": "END"}]
    return await record(
        gql,
        id=id,
        type="VIDEO",
        provider="fal",
        model="wan-flf2v",
        frames=frames,
        estimatedCost=0.12,
        **extra,
    )
