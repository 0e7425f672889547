"""The error policy of the GraphQL API.

- Expected errors (`LineageError`) reach the client with their message and a
  machine-readable `extensions.code`; Neo4j's own (`DatabaseError`) with a
  fixed message per code, the details (server address, Neo4j codes) logged.
- The limit rules' errors (depth, aliases, tokens, nesting) get
  `LIMIT_EXCEEDED` and a message naming the limit; disabled introspection
  gets `FORBIDDEN`.
- Other GraphQL errors keep their message (without "Did you mean ...?"
  suggestions when field suggestions are off) and get a code by what failed:
  `GRAPHQL_PARSE_FAILED` (syntax), `INVALID_INPUT` (variables that do not
  coerce), `GRAPHQL_VALIDATION_FAILED` (any other error before execution, which
  has no path), `INTERNAL` (graphql-core's own errors during execution).
- Anything else is logged in full and masked as `INTERNAL`.

Every error has an `extensions.code`; the README lists them all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import SchemaExtension

from lineage.errors import DatabaseError, LineageError

log = logging.getLogger("lineage.api")
MASKED = "Unexpected error; it has been logged."
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
PUBLIC_DATABASE_MESSAGES = {
    "DATABASE_UNAVAILABLE": "Neo4j is unavailable; try again shortly",
    "DATABASE_AUTH": "the service cannot log in to Neo4j",
}
# (pattern of a graphql-core or strawberry rule's message, code, our message)
RULES = [
    (
        re.compile(r"'.*' exceeds maximum operation depth of (\d+)", re.S),
        "LIMIT_EXCEEDED",
        "the query is nested deeper than the maximum depth of {0}",
    ),
    (
        re.compile(r"(\d+) aliases found\. Allowed: (\d+)"),
        "LIMIT_EXCEEDED",
        "the query uses {0} aliases; the maximum is {1}",
    ),
    (
        re.compile(r"Syntax Error: Document contains more than (\d+) tokens"),
        "LIMIT_EXCEEDED",
        "the query has more than {0} tokens, the maximum",
    ),
    (
        re.compile(r"Syntax Error: Document is nested too deeply"),
        "LIMIT_EXCEEDED",
        "the query is nested too deeply to parse",
    ),
    (
        re.compile(r"GraphQL introspection has been disabled"),
        "FORBIDDEN",
        "introspection is disabled on this server",
    ),
]


def public_message(exc: LineageError) -> str:
    """What a client may read of an expected error (Neo4j's details stay in the log)."""
    if not isinstance(exc, DatabaseError):
        return exc.message
    log.warning("database error (%s): %s", exc.code, exc.message)
    return PUBLIC_DATABASE_MESSAGES.get(exc.code, "the database could not complete the request")


def _with(error: GraphQLError, message: str, code: str | None) -> GraphQLError:
    extensions = {**(error.extensions or {}), **({"code": code} if code else {})}
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        extensions=extensions,
    )


def _graphql_error(error: GraphQLError, suggestions: bool) -> GraphQLError:
    """A rule's error with its code and message; others with the code of what failed,
    maybe without suggestions."""
    for pattern, code, message in RULES:
        found = pattern.match(error.message)
        if found:
            return _with(error, message.format(*found.groups()), code)
    if (error.extensions or {}).get("code"):
        return error
    shown = error.message if suggestions else SUGGESTION.sub("", error.message)
    return _with(error, shown, _code_of(error))


def _code_of(error: GraphQLError) -> str:
    if isinstance(error, GraphQLSyntaxError):
        return "GRAPHQL_PARSE_FAILED"
    if error.path is not None:
        return "INTERNAL"  # graphql-core refusing what a resolver returned: our bug
    if error.message.startswith("Variable '$"):
        return "INVALID_INPUT"
    return "GRAPHQL_VALIDATION_FAILED"


def _shown(error: GraphQLError, suggestions: bool) -> GraphQLError:
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return _graphql_error(error, suggestions)
    if isinstance(original, LineageError):
        return GraphQLError(
            public_message(original),
            nodes=error.nodes,
            path=error.path,
            extensions={"code": original.code},
        )
    log.error("unexpected error in %s", error.path, exc_info=original)
    return GraphQLError(MASKED, nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL"})


class ErrorPolicy(SchemaExtension):
    """Codes expected errors, masks the rest (see module docstring)."""

    def __init__(self, *, field_suggestions: bool = True) -> None:
        self.field_suggestions = field_suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_shown(error, self.field_suggestions) for error in result.errors]
