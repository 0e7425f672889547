"""Schema-driven fuzzing over real HTTP: valid and one-violation operations from `schema.graphql`.

Every generated query and mutation (hypothesis-graphql) is posted to the live
server with an admin key. No answer may be a 5xx, carry an `INTERNAL` error, or
show internals (Cypher, Python tracebacks or paths, Neo4j exception names, the
Neo4j password). `LINEAGE_FUZZ_EXAMPLES` sets the number of cases (default 1500;
the figure in the README comes from a run with 10000).
"""

from __future__ import annotations

import asyncio
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
