"""GraphQL over HTTP as its spec says, on top of strawberry's ASGI view.

- A client that accepts `application/graphql-response+json` (and prefers it to
  `application/json`) gets it, with the spec's status codes: a request error (the
  document does not parse or validate, or its variables do not coerce) is a 400 whose
  body has no `data`; a field error stays a 200.
- `application/json` (asked for, or no Accept at all) keeps the legacy answer: 200
  with `data: null` for a request error.
- An `operationName` the document does not hold is a 400 in either media type, with
  a JSON body like the other request errors (`GRAPHQL_VALIDATION_FAILED`), where
  strawberry answers it in plain text.
"""

from __future__ import annotations

from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.types import ExecutionResult

from lineage.api.context import Context

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def accepted_quality(accept: str, media_type: str) -> float:
    """The q-value `accept` gives `media_type` exactly (0 when it does not name it)."""
    best = 0.0
    for item in accept.split(","):
        kind, *params = (part.strip() for part in item.split(";"))
        if kind.lower() != media_type:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        best = max(best, quality)
    return best


def response_media_type(accept: str | None) -> str:
    """`application/graphql-response+json` when the client prefers it, else JSON."""
    wanted = accepted_quality(accept or "", GRAPHQL_RESPONSE)
    return (
        GRAPHQL_RESPONSE if wanted > 0 and wanted >= accepted_quality(accept or "", JSON) else JSON
    )


def is_request_error(result: ExecutionResult) -> bool:
    """Nothing was executed: the errors (parse, validation, variables) have no path."""
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors or [])
    )


class SpecGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view answering in the media type and status the spec asks for."""

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = response_media_type(request.headers.get("accept"))
        request.state.graphql_sub_response = sub_response
        return sub_response

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: Any,
    ) -> ExecutionResult:
        try:
            result: ExecutionResult = await super().execute_single(
                request, request_adapter, sub_response, context, root_value, request_data
            )
        except HTTPException as exc:
            if not isinstance(exc.__cause__, CannotGetOperationTypeError):
                raise
            sub_response.status_code = 400  # in either media type, as strawberry did
            code = {"code": "GRAPHQL_VALIDATION_FAILED"}
            return ExecutionResult(data=None, errors=[GraphQLError(exc.reason, extensions=code)])
        return result

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        processed = await super().process_result(request, result)
        sub_response: Response = request.state.graphql_sub_response
        if sub_response.media_type == GRAPHQL_RESPONSE and is_request_error(result):
            sub_response.status_code = 400
            processed.pop("data", None)
        return processed

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if sub_response.media_type == GRAPHQL_RESPONSE:
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
        return response
