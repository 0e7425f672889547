"""Schema-driven fuzzing over real HTTP: valid and one-violation operations from `schema.graphql`.

Every generated query and mutation (hypothesis-graphql) is posted to the live
server with an admin key. No answer may be a 5xx, carry an `INTERNAL` error, or
show internals (Cypher, Python tracebacks or paths, Neo4j exception names, the
Neo4j password). `LINEAGE_FUZZ_EXAMPLES` sets the number of cases (default 1500;
the figure in the README comes from a run with 10000). Two more fuzzers send variables
nested up to 20,000 levels and bodies around and far over the size limit.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from typing import Any

import httpx
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

from lineage.api.schema import schema
from lineage.db.store import Store
from lineage.integrity import check_integrity
from lineage.settings import Settings
from tests.conftest import bearer
from tests.live_server import LiveServer

EXAMPLES = int(os.environ.get("LINEAGE_FUZZ_EXAMPLES", "1500"))
FUZZING = hypothesis_settings(
    max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)
INTERNALS = (
    "MATCH (",
    "MERGE (",
    "UNWIND $",
    "Traceback",
    "Neo4jError",
    "neo4j.exceptions",
    'File "',
    "/src/lineage/",
    "site-packages",
    "bolt://",
)
JSON_VALUES = st.one_of(
    st.text(max_size=20).map(nodes.String),
    st.integers(-1000, 1000).map(nodes.Int),
    st.booleans().map(nodes.Boolean),
)
OPERATIONS = st.one_of(
    from_schema(schema.as_str(), custom_scalars={"JSON": JSON_VALUES}, allow_x00=False),
    from_schema(
        schema.as_str(), custom_scalars={"JSON": JSON_VALUES}, allow_x00=False, mode=Mode.NEGATIVE
    ),
)


class Tally:
    def __init__(self) -> None:
        self.cases = self.with_errors = 0
        self.codes: dict[str, int] = {}

    def add(self, body: dict[str, Any]) -> None:
        self.cases += 1
        errors = body.get("errors") or []
        self.with_errors += bool(errors)
        for error in errors:
            code = (error.get("extensions") or {}).get("code", "GRAPHQL")
            self.codes[code] = self.codes.get(code, 0) + 1


def check(response: httpx.Response, password: str, query: str) -> dict[str, Any]:
    assert response.status_code < 500, (query, response.text)
    text = response.text
    for marker in (*INTERNALS, password):
        assert marker not in text, (marker, query, text[:2000])
    body: dict[str, Any] = response.json()
    codes = [(e.get("extensions") or {}).get("code") for e in body.get("errors") or []]
    assert "INTERNAL" not in codes, (query, body)
    return body


async def test_generated_operations_never_fail_the_server(
    live_server: LiveServer, store: Store, admin_key: tuple[Any, str], settings: Settings
) -> None:
    tally = Tally()
    started = time.perf_counter()
    with httpx.Client(base_url=live_server.url, headers=bearer(admin_key[1]), timeout=60) as client:

        @FUZZING
        @given(query=OPERATIONS)
        def fuzz(query: str) -> None:
            response = client.post("/graphql", json={"query": query})
            tally.add(check(response, settings.neo4j_password, query))

        await asyncio.to_thread(fuzz)
    elapsed = time.perf_counter() - started
    print(
        f"\nfuzz: {tally.cases} operations in {elapsed:.0f} s "
        f"({tally.cases / elapsed:.0f}/s), {tally.with_errors} answered with errors: "
        + ", ".join(f"{code} {n}" for code, n in sorted(tally.codes.items()))
    )
    assert tally.cases >= EXAMPLES * 0.9
    assert await check_integrity(store) == []  # whatever was recorded, the graph is sound


def _nested(depth: int, shape: str) -> str:
    """JSON text nested `depth` levels: arrays, objects, or both in turn."""
    openers = {"list": ["["], "dict": ['{"k":'], "mixed": ["[", '{"k":']}[shape]
    closers = {"[": "]", '{"k":': "}"}
    opened = [openers[n % len(openers)] for n in range(depth)]
    return "".join(opened) + "1" + "".join(closers[o] for o in reversed(opened))


DEEP_CASES = hypothesis_settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck)
)


async def test_deep_variables_are_json_errors_never_server_errors(
    live_server: LiveServer, store: Store, admin_key: tuple[Any, str], settings: Settings
) -> None:
    """Variables nested from 1 to 20,000 levels, as a bare JSON variable and as params."""
    queries = [
        "query($v: JSON) { __typename }",
        'mutation($v: JSON) { recordGeneration(input: {type: IMAGE, provider: "p", model: "m",'
        " params: $v}) { asset { id } } }",
    ]
    headers = {**bearer(admin_key[1]), "content-type": "application/json"}
    with httpx.Client(base_url=live_server.url, headers=headers, timeout=60) as client:

        @DEEP_CASES
        @given(
            depth=st.integers(1, 20_000),
            shape=st.sampled_from(["list", "dict", "mixed"]),
            query=st.sampled_from(queries),
        )
        def fuzz(depth: int, shape: str, query: str) -> None:
            variables = '{"v": ' + _nested(depth, shape) + "}"
            body = f'{{"query": {json.dumps(query)}, "variables": {variables}}}'
            response = client.post("/graphql", content=body)
            check(response, settings.neo4j_password, body[:200])
            if depth + 2 > settings.max_json_depth:
                assert response.status_code == 400, response.text

        await asyncio.to_thread(fuzz)
    assert await check_integrity(store) == []


async def test_huge_bodies_are_refused_whole_never_server_errors(
    live_server: LiveServer, admin_key: tuple[Any, str], settings: Settings
) -> None:
    """Bodies around and far over the limit, declared or streamed without a length."""
    limit = settings.max_request_bytes
    headers = {**bearer(admin_key[1]), "content-type": "application/json"}
    with httpx.Client(base_url=live_server.url, headers=headers, timeout=60) as client:

        @hypothesis_settings(max_examples=20, deadline=None, database=None)
        @given(size=st.integers(limit - 4096, limit * 8), streamed=st.booleans())
        def fuzz(size: int, streamed: bool) -> None:
            padding = " " * (size - len('{"query": "{ __typename }"}'))
            body = ('{"query": "{ __typename }"}' + padding).encode()
            content = iter([body[i : i + 65536] for i in range(0, len(body), 65536)])
            response = client.post("/graphql", content=content if streamed else body)
            check(response, settings.neo4j_password, f"{size} bytes")
            assert response.status_code == (413 if size > limit else 200), response.text

        await asyncio.to_thread(fuzz)
