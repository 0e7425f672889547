"""Fixtures of the file store tests: a store in a temporary folder, a live HTTP server.

No Neo4j: nothing here requests the top-level database fixtures.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from lineage.files import LocalFileStore
from lineage.files.http import router

HTTP_MAX_BYTES = 64 * 1024


@pytest.fixture
def file_store(tmp_path: Path) -> LocalFileStore:
    return LocalFileStore(tmp_path / "assets")


class FilesServer:
    """A tiny app with only the files router, under uvicorn on a free local port."""

    def __init__(self) -> None:
        self.app = FastAPI()
        self.app.include_router(router)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FilesServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the files server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def files_server() -> Iterator[FilesServer]:
    with FilesServer() as server:
        yield server


@pytest.fixture
def served_store(files_server: FilesServer, tmp_path: Path) -> LocalFileStore:
    """A fresh store (64 KiB limit) behind the live server, for this test only."""
    store = LocalFileStore(tmp_path / "assets", max_bytes=HTTP_MAX_BYTES)
    files_server.app.state.file_store = store
    return store


@pytest.fixture
def client(files_server: FilesServer, served_store: LocalFileStore) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=files_server.url, timeout=30) as http:
        yield http
