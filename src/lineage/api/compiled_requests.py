"""A POST of an operation already compiled, answered before strawberry's view.

`CompiledQueries` (`lineage.api.compiled`) answers a compiled operation inside
strawberry's pipeline, so each such request still paid for the pipeline around it: the
view's body parsing, the extensions' hooks, the parse and validation caches' look-ups,
the execution context and result, which cost about as much as the lineage's drawing. A
plan is only ever made after strawberry parsed and validated its text under the served
schema's limits and the scope check passed (`OperationPlans.known`), so a request
sending the same text again needs only what depends on the request itself: the caller's
scope, the variables (coerced by the plan) and the answer. `CompiledRequests` does just
that for a plain JSON POST (`{"query", "variables", "operationName"}`) whose plan it
finds, and writes the response as the view would (`LineageGraphQL.create_response`,
the media type the client accepts). Anything else, and any error on the way, hands the
request, its body replayed, to the view, which answers it (or reports the error) as
always.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.types import Receive, Scope, Send
from strawberry import Schema
from strawberry.types.graphql import OperationType

from lineage.api.compiled import COMPILED_FAILURES, OperationPlan, OperationPlans
from lineage.api.limits import replay
from lineage.api.schema import LineageGraphQL
from lineage.auth.gql import may_run

REQUEST_KEYS = frozenset({"query", "variables", "operationName"})
STREAMED = (b"multipart/mixed", b"text/event-stream")  # incremental delivery: the view's


class CompiledRequests:
    """Serves a compiled operation's request (module docstring); `served` counts them."""

    def __init__(self, view: LineageGraphQL, plans: OperationPlans) -> None:
        self.view = view
        assert isinstance(view.schema, Schema)
        self.schema = view.schema
        self.plans = plans
        self.served = 0

    async def serve(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        """None when answered; else the `receive` to give the view (the body replayed)."""
        body = await _body(receive)
        if body is None:
            return receive
        replayed = replay(body, receive)
        found = self._plan(scope, body)
        if found is None:
            return replayed
        plan, inputs = found
        request = Request(scope, replayed)
        sub_response = await self.view.get_sub_response(request)
        context = await self.view.get_context(request, sub_response)
        try:
            data = await plan.answer(self.schema, inputs, context)
        except COMPILED_FAILURES:
            return replayed
        response = self.view.create_response({"data": data}, sub_response)
        self.served += 1
        await response(scope, replayed, send)
        return None

    def _plan(self, scope: Scope, body: bytes) -> tuple[OperationPlan, dict[str, Any]] | None:
        """The plan of a plain JSON request this path may answer, and its variables."""
        if not _plain_json(scope):
            return None
        if not may_run(scope.get("state", {}).get("caller"), OperationType.QUERY):
            return None
        sent = _request(body)
        if sent is None:
            return None
        text, inputs, name = sent
        plan = self.plans.known(text, inputs, name)
        return None if plan is None else (plan, inputs or {})


def _plain_json(scope: Scope) -> bool:
    """A JSON body (its one Content-Type), and no Accept the view might stream for."""
    types = [value for name, value in scope["headers"] if name == b"content-type"]
    accepts = b",".join(value for name, value in scope["headers"] if name == b"accept").lower()
    plain = len(types) == 1 and types[0].split(b";")[0].strip().lower() == b"application/json"
    return plain and not any(kind in accepts for kind in STREAMED)


def _request(body: bytes) -> tuple[str, dict[str, Any] | None, str | None] | None:
    """(query, variables, operationName) of a body holding no more, each of its type."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not data.keys() <= REQUEST_KEYS:
        return None
    text, inputs, name = data.get("query"), data.get("variables"), data.get("operationName")
    if isinstance(text, str) and isinstance(inputs, dict | None) and isinstance(name, str | None):
        return text, inputs, name
    return None


async def _body(receive: Receive) -> bytes | None:
    """The request's whole body (None: the client went away)."""
    body = b""
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunk: bytes = message.get("body", b"")
        body += chunk
        if not message.get("more_body", False):
            return body
