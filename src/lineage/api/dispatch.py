"""`/graphql` served straight to strawberry's view, past FastAPI's routing.

Innermost of the middleware, so CORS, the API-key gate and the body limits still
see every request; what it skips for `/graphql` is FastAPI's exception middleware,
its exit stack and the router, which matches the path against every route before
reaching the last one (about a third of a `{ __typename }` request's server time).
The route stays registered: another method or a WebSocket gets the router's answer
(405, or the WebSocket refused) as before. A POST goes first to `CompiledRequests`
(`lineage.api.compiled_requests`), which answers an operation compiled before and hands
anything else to the view.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

if TYPE_CHECKING:  # the app gives it (it wires the view, so it sits on top)
    from lineage.api.compiled_requests import CompiledRequests

GRAPHQL_PATH = "/graphql"
VIEW_METHODS = frozenset({"GET", "HEAD", "POST"})  # the route's (HEAD comes with GET)


class GraphQLFirst:
    def __init__(self, app: ASGIApp, *, view: ASGIApp, compiled: CompiledRequests) -> None:
        self.app = app
        self.view = view
        self.compiled = compiled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] == "http"
            and scope["path"] == GRAPHQL_PATH
            and scope["method"] in VIEW_METHODS
        ):
            if scope["method"] == "POST":
                left = await self.compiled.serve(scope, receive, send)
                if left is None:
                    return
                receive = left
            await self.view(scope, receive, send)
            return
        await self.app(scope, receive, send)
