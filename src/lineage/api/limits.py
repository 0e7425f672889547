"""Bounds on a request body, checked before anything parses it.

Every body but an upload's (`POST` to `upload_path`, /files: it streams into the file
store under its own limit) is read here, at most `max_bytes`
(`LINEAGE_MAX_REQUEST_BYTES`): a larger one is refused with 413 before it is read
whole (at once when `Content-Length` says so).
A JSON body nested deeper than `max_depth` (`LINEAGE_MAX_JSON_DEPTH`) is refused with
400: Python's JSON parser would recurse into it and fail with a bare 500. Refusals use
the route's own error shape: GraphQL errors on `/graphql`, `{"detail": ...}` elsewhere.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lineage.errors import InvalidInputError, LimitExceededError, LineageError
from lineage.jsonbounds import first_too_deep

BODYLESS = frozenset({"GET", "HEAD", "OPTIONS"})
GRAPHQL_PATH = "/graphql"


class RequestLimits:
    def __init__(self, app: ASGIApp, *, max_bytes: int, max_depth: int, upload_path: str) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.upload_path = upload_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in BODYLESS or self._is_upload(scope):
            await self.app(scope, receive, send)
            return
        try:
            body = await self._body(scope, receive)
        except LineageError as exc:
            await _refuse(exc, scope, receive, send)
            return
        if body is not None:
            await self.app(scope, replay(body, receive), send)

    async def _body(self, scope: Scope, receive: Receive) -> bytes | None:
        """The whole body within the limits (None: the client went away)."""
        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length", b"").decode("latin-1")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise LimitExceededError(self._too_large())
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                raise LimitExceededError(self._too_large())
            if not message.get("more_body", False):
                break
        if b"json" in headers.get(b"content-type", b"").lower():
            self._check_depth(bytes(body))
        return bytes(body)

    def _check_depth(self, body: bytes) -> None:
        offset = first_too_deep(body, self.max_depth)
        if offset is not None:
            raise InvalidInputError(
                f"the request's JSON is nested deeper than {self.max_depth} levels "
                f"(at byte {offset}); LINEAGE_MAX_JSON_DEPTH is the limit"
            )

    def _too_large(self) -> str:
        return (
            f"the request body is larger than {self.max_bytes} bytes "
            "(LINEAGE_MAX_REQUEST_BYTES); upload files with POST /files"
        )

    def _is_upload(self, scope: Scope) -> bool:
        return bool(scope["method"] == "POST" and scope["path"] == self.upload_path)


def replay(body: bytes, receive: Receive) -> Receive:
    """`receive` for the app: the body read here, then the client's own messages."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


async def _refuse(exc: LineageError, scope: Scope, receive: Receive, send: Send) -> None:
    status = 413 if isinstance(exc, LimitExceededError) else 400
    if scope["path"] == GRAPHQL_PATH:
        body: dict[str, object] = {
            "errors": [{"message": exc.message, "extensions": {"code": exc.code}}]
        }
    else:
        body = {"detail": {"code": exc.code, "message": exc.message}}
    await JSONResponse(body, status_code=status)(scope, receive, send)
