"""The GraphQL gate: queries need any valid key (the HTTP gate checked it), mutations `write`.

A refused mutation is not executed at all: the answer is `data: null` and one
error with `extensions.code` `FORBIDDEN`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import Info
from strawberry.types.graphql import OperationType

from lineage.auth.models import UNRESTRICTED, Caller, Scope

NEEDED = {OperationType.MUTATION: Scope.WRITE, OperationType.SUBSCRIPTION: Scope.WRITE}


def caller_of(context: Any) -> Caller | None:
    """The caller the HTTP gate left on the request (None: nobody, so nothing allowed)."""
    request = getattr(context, "request", None)
    state = getattr(request, "scope", {}).get("state", {})
    caller = state.get("caller")
    return caller if isinstance(caller, Caller) else None


class ScopePolicy(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        caller = caller_of(context.context)
        if not may_run(caller, context.operation_type):
            needed = NEEDED.get(context.operation_type, Scope.READ)
            context.result = ExecutionResult(data=None, errors=[_forbidden(caller, needed)])
        yield


def may_run(caller: object, operation: OperationType) -> bool:
    """Whether `caller` (the HTTP gate's, None for nobody) may run an `operation`."""
    needed = NEEDED.get(operation, Scope.READ)
    return isinstance(caller, Caller) and caller.may(needed)


def _forbidden(caller: Caller | None, needed: Scope) -> GraphQLError:
    held = "the request carries none"
    if caller is not None:
        held = f"key {caller.key_id} has only: {', '.join(sorted(caller.scopes))}"
    message = f"a '{needed}' key is needed for this operation; {held}"
    return GraphQLError(message, extensions={"code": "FORBIDDEN"})


@strawberry.type(description="The key that sent this request: what a page may offer its holder.")
class Viewer:
    key_id: str
    name: str
    scopes: list[str] = strawberry.field(description="What it may do: read, write, admin.")
    can_write: bool = strawberry.field(description="Whether it may run mutations.")


@strawberry.type
class AuthQueries:
    @strawberry.field(description="The key that sent this request (its role, for a page).")
    def viewer(self, info: Info[Any, None]) -> Viewer:
        caller = caller_of(info.context) or UNRESTRICTED
        order = [scope.value for scope in Scope]
        scopes = sorted(caller.scopes, key=order.index)
        return Viewer(
            key_id=caller.key_id,
            name=caller.name,
            scopes=scopes,
            can_write=caller.may(Scope.WRITE),
        )
