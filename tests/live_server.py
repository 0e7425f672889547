"""Any ASGI app under a real uvicorn on a free 127.0.0.1 port, in a background thread."""

from __future__ import annotations

from fastapi import FastAPI

from lineage.api.dispatch import GraphQLFirst
from lineage.bench.server import ThreadedServer


class LiveServer(ThreadedServer):
    """The bench's threaded server, plus the app's query counter for N+1 tests."""

    @property
    def app(self) -> FastAPI:
        app: FastAPI = self.server.config.app
        return app

    @property
    def queries_run(self) -> int:
        """Cypher queries the app's store has run (for N+1 tests)."""
        return int(self.app.state.lineage.store.queries_run)

    @property
    def compiled_served(self) -> int:
        """Requests `lineage.api.compiled_requests` answered past strawberry's view."""
        layer = self.app.middleware_stack
        while not isinstance(layer, GraphQLFirst):
            layer = layer.app  # type: ignore[union-attr]
        return layer.compiled.served
