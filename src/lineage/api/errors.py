"""The error policy of the GraphQL API.

Expected errors (`LineageError`) reach the client with their message and a
machine-readable `extensions.code`. GraphQL's own validation errors pass as
they are. Anything else is logged in full and masked to "Unexpected error".
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from lineage.errors import LineageError

log = logging.getLogger("lineage.api")
MASKED = "Unexpected error; it has been logged."


def _shown(error: GraphQLError) -> GraphQLError:
    original = error.original_error
    if original is None:
        return error
    if isinstance(original, LineageError):
        return GraphQLError(
            original.message,
            nodes=error.nodes,
            path=error.path,
            extensions={"code": original.code},
        )
    if isinstance(original, GraphQLError):
        return error
    log.error("unexpected error in %s", error.path, exc_info=original)
    return GraphQLError(MASKED, nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL"})


class ErrorPolicy(SchemaExtension):
    """Codes expected errors, masks the rest (see module docstring)."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_shown(error) for error in result.errors]
