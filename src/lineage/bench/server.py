"""The real app under a real uvicorn on a free 127.0.0.1 port: in a background thread
(`ThreadedServer`, for tests), or alone in its own process as in production
(`ServerProcess`, for benchmarks: the measuring client does not share its GIL).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import aiohttp
import httpx
import uvicorn
from fastapi import FastAPI

from lineage.app import create_app
from lineage.auth.models import Scope
from lineage.auth.service import KeyService
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.settings import Settings

START_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class ThreadedServer:
    """`with ThreadedServer(app) as server:` serves `app` at `server.url` until the block ends
    (on `port`, or on a free one)."""

    def __init__(self, app: FastAPI, port: int | None = None) -> None:
        self.port = port or free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ThreadedServer:
        self.thread.start()
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise LineageError("the API server did not start (see the log above)")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class ChildServer:
    """A server in a child process on a free port, ready once GET /healthz answers 200;
    `spawn` starts it."""

    what = "the API server process"

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cpu_ns(self) -> int:
        """The process's CPU time so far, in ns (every thread's, from /proc: exact, where
        its ticks would round a request's 2-3 ms to 0 or 10)."""
        assert self.process is not None
        tasks = Path(f"/proc/{self.process.pid}/task")
        return sum(int((task / "schedstat").read_text().split()[0]) for task in tasks.iterdir())

    def spawn(self) -> subprocess.Popen[bytes]:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.process = self.spawn()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        self.__exit__()
        raise LineageError(f"{self.what} did not start (see the log above)")

    def __exit__(self, *exc: object) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class ServerProcess(ChildServer):
    """`with ServerProcess(settings) as server:` serves `create_app(settings)` at `server.url`
    from a child `python -m lineage.bench.server PORT` (settings as JSON on its stdin);
    another `module` serves its own app the same way (it must answer GET /healthz)."""

    def __init__(self, settings: Settings, module: str = "lineage.bench.server") -> None:
        super().__init__()
        self.settings = settings
        self.module = module

    def spawn(self) -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", self.module, str(self.port)]
        process = subprocess.Popen(command, stdin=subprocess.PIPE)
        assert process.stdin is not None
        with process.stdin as stdin:
            stdin.write(self.settings.model_dump_json().encode())
        return process


def serve(port: int, settings: Settings) -> None:
    """The child's side of `ServerProcess`."""
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


@asynccontextmanager
async def bench_key(store: Store, scope: Scope = Scope.READ) -> AsyncIterator[str]:
    """A fresh API key of `scope` (its token), revoked afterwards."""
    keys = KeyService(store)
    key, token = await keys.create("lineage bench", scope)
    try:
        yield token
    finally:
        await keys.revoke(key.id)


@asynccontextmanager
async def api_session(
    settings: Settings, store: Store, scope: Scope = Scope.READ
) -> AsyncIterator[aiohttp.ClientSession]:
    """An HTTP session on the real app served alone in its own process (as in production),
    with a fresh key of `scope` (revoked afterwards), as Story Builder calls it."""
    async with bench_key(store, scope) as token, served_api(settings, token) as served:
        yield served.http


@dataclass(frozen=True)
class Served:
    """A server in its own process and an HTTP session on it."""

    server: ChildServer
    http: aiohttp.ClientSession


@asynccontextmanager
async def served_api(settings: Settings, token: str) -> AsyncIterator[Served]:
    """`api_session` with a key already made (its `token`), and the server."""
    with tempfile.TemporaryDirectory(prefix="lineage-bench-") as assets_root:
        served = settings.model_copy(update={"assets_root": Path(assets_root)})
        with ServerProcess(served) as server:
            async with keyed_session(server, token) as http:
                yield Served(server, http)


@asynccontextmanager
async def keyed_session(server: ChildServer, token: str) -> AsyncIterator[aiohttp.ClientSession]:
    """An HTTP session on `server` sending `token` as Story Builder sends its key."""
    auth = {"Authorization": f"Bearer {token}"}
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(server.url, headers=auth, timeout=timeout) as http:
        yield http


if __name__ == "__main__":
    serve(int(sys.argv[1]), Settings.model_validate_json(sys.stdin.buffer.read()))
