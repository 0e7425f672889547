"""The HTTP gate: every request needs a valid API key, except the public paths.

Deny by default, so a new route is protected without anyone remembering to:

- public: `/healthz`, `/readyz` (status only, no data), the studio's pages (`/` and
  their files under `/web/`: static, their own requests carry the key), and, when the developer
  tools are on, the GraphiQL page (GET /graphql without a `query`) and the
  OpenAPI pages (`/docs`, `/redoc`, `/openapi.json`) and their pinned files
  (`/_vendor/...`), and Neo4j Browser's style and guide (`/neo4j-browser/...`):
  static pages whose own requests carry the key;
- GraphQL (`/graphql`): any valid key; `lineage.auth.gql` checks mutations;
- every other route: GET/HEAD/OPTIONS need `read`, other methods `write`;
- except a signed media URL (`lineage.files.signing`): GET or HEAD of the one file it
  names, until it expires or the key that asked for it is revoked, with no key.

401 (with `WWW-Authenticate: Bearer`) when the key is missing or invalid, 403
when its scope is too small; bodies are `{"detail": {"code", "message"}}` like
the file routes'. The caller is left in `request.state.caller`.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from lineage.api.errors import public_message
from lineage.auth.models import UNRESTRICTED, Caller
from lineage.auth.models import Scope as KeyScope
from lineage.auth.service import KeyService
from lineage.errors import (
    DatabaseUnavailableError,
    ForbiddenError,
    LineageError,
    UnauthenticatedError,
)
from lineage.files.models import URL_PREFIX
from lineage.files.signing import MediaUrls

HEALTH_PATHS = frozenset({"/healthz", "/readyz"})
STUDIO_PAGE = "/"
STUDIO_PREFIX = "/web/"
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"})
DEVELOPER_PREFIXES = ("/_vendor/", "/neo4j-browser/")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
GRAPHQL_PATH = "/graphql"


class AuthMiddleware:
    def __init__(self, app: ASGIApp, *, enabled: bool, developer_pages: bool) -> None:
        self.app = app
        self.enabled = enabled
        self.developer_pages = developer_pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in {"http", "websocket"} or self._is_public(scope):
            await self.app(scope, receive, send)
            return
        try:
            signed = await _signed_url_caller(scope) if self.enabled else None
            caller = signed or await self._caller(scope)
            _check_route_scope(scope, caller)
        except LineageError as exc:
            await _refuse(exc, scope, receive, send)
            return
        scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)

    def _is_public(self, scope: Scope) -> bool:
        path = scope["path"]
        if path in HEALTH_PATHS:
            return True
        if _is_studio_page(scope):
            return True
        if not self.developer_pages or scope["type"] != "http":
            return False
        return path in DOCS_PATHS or path.startswith(DEVELOPER_PREFIXES) or _is_graphiql_page(scope)

    async def _caller(self, scope: Scope) -> Caller:
        if not self.enabled:
            return UNRESTRICTED
        keys: KeyService = scope["app"].state.keys
        return await keys.authenticate(_bearer_token(scope))


async def _signed_url_caller(scope: Scope) -> Caller | None:
    """A read-only caller for a signed media URL whose signature checks out and whose key
    still lives (None when the request is not one; UnauthenticatedError when its
    signature is wrong, it expired or its key was revoked)."""
    path = scope["path"]
    if scope["type"] != "http" or scope["method"] not in {"GET", "HEAD"}:
        return None
    if not path.startswith(f"{URL_PREFIX}/"):
        return None
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if "signature" not in query:
        return None
    ref = path.removeprefix(f"{URL_PREFIX}/")
    media_urls: MediaUrls = scope["app"].state.lineage.media_urls
    access = media_urls.check(
        ref, _first(query, "expires"), _first(query, "key"), query["signature"][0]
    )
    keys: KeyService = scope["app"].state.keys
    holder = await keys.holder(access.key_id)
    read_only = frozenset({KeyScope.READ.value} & holder.scopes)
    return Caller(holder.key_id, f"signed URL of {ref}", read_only, access.expires_at)


def _first(query: dict[str, list[str]], name: str) -> str:
    return query.get(name, [""])[0]


def _is_studio_page(scope: Scope) -> bool:
    path = scope["path"]
    read = scope["type"] == "http" and scope["method"] in {"GET", "HEAD"}
    return read and (path == STUDIO_PAGE or path.startswith(STUDIO_PREFIX))


def _is_graphiql_page(scope: Scope) -> bool:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    return scope["path"] == GRAPHQL_PATH and scope["method"] == "GET" and "query" not in query


def _bearer_token(scope: Scope) -> str:
    headers: dict[bytes, bytes] = dict(scope.get("headers", []))
    value = headers.get(b"authorization", b"").decode("latin-1").strip()
    scheme, _, token = value.partition(" ")
    if not value:
        raise UnauthenticatedError("an API key is required: send 'Authorization: Bearer <key>'")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthenticatedError("the Authorization header must be 'Bearer <key>'")
    return token.strip()


def _check_route_scope(scope: Scope, caller: Caller) -> None:
    if scope["path"] == GRAPHQL_PATH or scope["type"] != "http":
        return
    needed = KeyScope.READ if scope["method"] in SAFE_METHODS else KeyScope.WRITE
    if not caller.may(needed):
        raise ForbiddenError(
            f"{scope['method']} {scope['path']} needs a '{needed}' key; "
            f"key {caller.key_id} has {', '.join(sorted(caller.scopes))}"
        )


async def _refuse(exc: LineageError, scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008, "reason": exc.message[:120]})
        return
    status, headers = _status_of(exc)
    body = {"detail": {"code": exc.code, "message": public_message(exc)}}
    await JSONResponse(body, status_code=status, headers=headers)(scope, receive, send)


def _status_of(exc: LineageError) -> tuple[int, dict[str, str]]:
    if isinstance(exc, UnauthenticatedError):
        return 401, {"WWW-Authenticate": "Bearer"}
    if isinstance(exc, ForbiddenError):
        return 403, {}
    if isinstance(exc, DatabaseUnavailableError):  # Neo4j cannot check the key
        return 503, {"Retry-After": "5"}
    return 500, {}
