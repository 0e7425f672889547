"""Fixtures of the file store tests: a store in a temporary folder, a live HTTP server.

No Neo4j: nothing here requests the top-level database fixtures.
"""

from __future__ import annotations

from collections.abc import Iterator
from ipaddress import IPv4Network
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from lineage.files import LocalFileStore
from lineage.files.http import router
from tests.live_server import LiveServer

HTTP_MAX_BYTES = 64 * 1024
LIVE_SERVERS = IPv4Network("127.0.0.1/32")  # where the tests' HTTP servers listen


def reaching_live_servers(store: LocalFileStore) -> LocalFileStore:
    """`store`, allowed to fetch from the tests' loopback servers (public addresses only,
    by default)."""
    store.url_allowed_networks = [LIVE_SERVERS]
    return store


@pytest.fixture
def file_store(tmp_path: Path) -> LocalFileStore:
    return reaching_live_servers(LocalFileStore(tmp_path / "assets"))


@pytest.fixture(scope="session")
def files_server() -> Iterator[LiveServer]:
    """A tiny app with only the files router."""
    app = FastAPI()
    app.include_router(router)
    with LiveServer(app) as server:
        yield server


@pytest.fixture
def served_store(files_server: LiveServer, tmp_path: Path) -> LocalFileStore:
    """A fresh store (64 KiB limit) behind the live server, for this test only."""
    store = LocalFileStore(tmp_path / "assets", max_bytes=HTTP_MAX_BYTES)
    files_server.app.state.file_store = store
    return store


@pytest.fixture
def client(files_server: LiveServer, served_store: LocalFileStore) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=files_server.url, timeout=30) as http:
        yield http
