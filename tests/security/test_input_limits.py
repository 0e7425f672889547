"""Limits on what a careless or hostile client sends: body size, JSON depth, params, images,
generations per run. Each is refused with a clear error naming it, and nothing is stored."""

from __future__ import annotations

import io
import json
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx
from PIL import Image

from lineage.settings import Settings
from tests.api.helpers import RECORD
from tests.api.test_workflow_run_and_batching import RUN
from tests.conftest import GraphQLClient

IMAGE = {"id": "img", "type": "IMAGE", "provider": "fal", "model": "flux"}
MB = 1024 * 1024


def _body(params_json: str) -> bytes:
    """A recordGeneration request whose params are the given JSON text, verbatim."""
    fields = json.dumps(IMAGE)[:-1] + f', "params": {params_json}}}'
    return f'{{"query": {json.dumps(RECORD)}, "variables": {{"in": {fields}}}}}'.encode()


async def _post(http: httpx.AsyncClient, body: bytes | AsyncIterator[bytes]) -> httpx.Response:
    return await http.post("/graphql", content=body, headers={"content-type": "application/json"})


def _code(answer: httpx.Response) -> str:
    code: str = answer.json()["errors"][0]["extensions"]["code"]
    return code


async def _nothing_recorded(gql: GraphQLClient) -> None:
    assert (await gql('{ asset(id: "img") { id } }'))["errors"][0]["extensions"]["code"] == (
        "NOT_FOUND"
    )


async def test_a_body_over_the_limit_is_refused_before_it_is_read(
    http: httpx.AsyncClient, settings: Settings
) -> None:
    """150 MB (was accepted, the server grew to 684 MB); declared or streamed unannounced."""
    sent = 0

    async def chunks(total: int) -> AsyncIterator[bytes]:
        nonlocal sent
        while sent < total:
            sent += MB
            yield b" " * MB

    started = time.perf_counter()
    declared = await http.post(
        "/graphql",
        content=chunks(150 * MB),
        headers={"content-type": "application/json", "content-length": str(150 * MB)},
    )
    assert declared.status_code == 413 and _code(declared) == "LIMIT_EXCEEDED"
    assert "LINEAGE_MAX_REQUEST_BYTES" in declared.json()["errors"][0]["message"]
    assert time.perf_counter() - started < 10
    sent = 0
    streamed = await _post(http, chunks(settings.max_request_bytes + 2 * MB))
    assert streamed.status_code == 413 and _code(streamed) == "LIMIT_EXCEEDED"


async def test_nan_infinity_and_huge_integers_in_params_are_invalid_input(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    """Python's JSON parser takes NaN and Infinity; Neo4j cannot store 10**30."""
    for literal in ("NaN", "Infinity", "-Infinity", "1" + "0" * 30, "-9223372036854775809"):
        answer = await _post(http, _body(f'{{"sampler": {{"steps": [1, {literal}]}}}}'))
        assert answer.status_code == 200, answer.text
        assert _code(answer) == "INVALID_INPUT", answer.text
        assert "params.sampler.steps[1]" in answer.json()["errors"][0]["message"]
    inline = await gql(
        'mutation { recordGeneration(input: {type: IMAGE, provider: "p", model: "m",'
        " params: {seed: 1000000000000000000000000000000}}) { asset { id } } }"
    )
    assert inline["errors"][0]["extensions"]["code"] == "INVALID_INPUT", inline
    await _nothing_recorded(gql)
    fine = await _post(http, _body('{"seed": 9223372036854775807, "cfg": 7.5}'))
    assert "errors" not in fine.json(), fine.text


async def test_params_over_their_size_or_depth_are_invalid_input(
    http: httpx.AsyncClient, gql: GraphQLClient, settings: Settings
) -> None:
    big = await _post(http, _body(json.dumps({"blob": "x" * settings.max_params_bytes})))
    assert _code(big) == "INVALID_INPUT" and "LINEAGE" not in big.text
    assert f"the limit is {settings.max_params_bytes}" in big.json()["errors"][0]["message"]
    deep = await _post(http, _body('{"a": ' + "[" * 20 + "]" * 20 + "}"))
    assert _code(deep) == "INVALID_INPUT"
    assert f"nested deeper than {settings.max_params_depth}" in deep.text
    deeper = await _post(http, _body('{"a": ' + "[" * 900 + "]" * 900 + "}"))  # was INTERNAL
    assert deeper.status_code == 400 and _code(deeper) == "INVALID_INPUT"
    await _nothing_recorded(gql)


async def test_a_variable_nested_5000_deep_is_a_json_error_not_a_plain_500(
    http: httpx.AsyncClient, settings: Settings
) -> None:
    deep = "[" * 5000 + "]" * 5000
    answer = await _post(
        http, f'{{"query": "query($v: JSON) {{ __typename }}", "variables": {{"v": {deep}}}}}'
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/json")
    assert _code(answer) == "INVALID_INPUT"
    assert f"deeper than {settings.max_json_depth} levels" in answer.text


async def test_an_image_of_more_pixels_than_the_limit_is_never_decoded(
    http: httpx.AsyncClient, settings: Settings
) -> None:
    """A 21 KB PNG of 177 million pixels (Pillow's own guard lets it through)."""
    png = io.BytesIO()
    Image.new("1", (13312, 13312)).save(png, "PNG")
    assert settings.max_image_pixels < 13312 * 13312 and png.tell() < 100_000
    started = time.perf_counter()
    query = {"type": "image", "provider": "fal", "model": "m"}
    refused = await http.post("/files", params=query, content=png.getvalue())
    assert refused.status_code == 413, refused.text
    assert refused.json()["detail"]["code"] == "IMAGE_TOO_LARGE"
    assert time.perf_counter() - started < 1.0  # refused from the header, not decoded


async def test_a_workflow_run_records_at_most_the_limit_of_generations(
    gql: GraphQLClient, settings: Settings
) -> None:
    count = settings.max_run_generations + 1
    generations: list[dict[str, Any]] = [
        {"key": f"g{n}", "generation": {"type": "IMAGE", "provider": "p", "model": "m"}}
        for n in range(count)
    ]
    body = await gql(RUN, **{"in": {"engine": "n8n", "generations": generations}})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert f"at most {settings.max_run_generations} generations" in body["errors"][0]["message"]
