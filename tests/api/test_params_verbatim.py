"""`params` is exactly what the tool sent; what the file says goes beside it, in `media`."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.conftest import GraphQLClient
from tests.files.samples import wav_bytes

RECORD = """mutation($in: RecordGenerationInput!) { recordGeneration(input: $in) {
  asset { id params media { width height durationSeconds } } } }"""
READ = """query($id: ID!) { asset(id: $id) { params } }"""

# keys out of alphabetical order, every JSON type, nesting, Thai and mixed text
SENT: dict[str, Any] = {
    "zeta": 1,
    "alpha": [1, "two", 3.5, True, None, {"nested": ["ลูกช้าง", {"deeper": False}]}],
    "prompt": "ลูกช้างเดินในป่า with a fox ✨",
    "seed": 42,
    "guidanceScale": 3.0,
    "flags": {"upscale": True, "tags": [], "empty": {}},
    "ratio": 0.1,
    "width": 768,
}


async def test_params_round_trip_byte_for_byte(gql: GraphQLClient) -> None:
    fields = {"id": "p-1", "type": "IMAGE", "provider": "fal", "model": "m", "params": SENT}
    recorded = (await gql.data(RECORD, **{"in": fields}))["recordGeneration"]["asset"]
    read = (await gql.data(READ, id="p-1"))["asset"]["params"]
    for got in (recorded["params"], read):
        assert json.dumps(got, ensure_ascii=False) == json.dumps(SENT, ensure_ascii=False)
    assert recorded["media"] is None  # no file, nothing probed


async def test_probed_facts_go_beside_params_not_into_them(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    uploaded = await http.post(
        "/files",
        params={"type": "audio", "provider": "elevenlabs", "model": "v2"},
        content=wav_bytes(frames=12_345),  # bytes no other test stores (as music, say)
    )
    assert uploaded.status_code in {200, 201}, uploaded.text
    fields = {
        "id": "n-1",
        "type": "AUDIO",
        "provider": "elevenlabs",
        "model": "v2",
        "fileRef": uploaded.json()["ref"],
        "params": {"voice": "Rachel"},
    }
    asset = (await gql.data(RECORD, **{"in": fields}))["recordGeneration"]["asset"]
    assert asset["params"] == {"voice": "Rachel"}
    assert asset["media"]["durationSeconds"] > 0
