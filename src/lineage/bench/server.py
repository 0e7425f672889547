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
from pathlib import Path

import aiohttp
import httpx
import uvicorn
from fastapi import FastAPI

from lineage.app import create_app
from lineage.errors import LineageError
from lineage.settings import Settings

START_TIMEOUT_S = 180.0  # a loaded machine starts the app slowly


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


class ServerProcess:
    """`with ServerProcess(settings) as server:` serves `create_app(settings)` at `server.url`
    from a child `python -m lineage.bench.server PORT` (settings as JSON on its stdin)."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        self.settings = settings
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerProcess:
        command = [sys.executable, "-m", "lineage.bench.server", str(self.port)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE)
        assert self.process.stdin is not None
        with self.process.stdin as stdin:
            stdin.write(self.settings.model_dump_json().encode())
        self._wait_until_ready(self.process)
        return self

    def _wait_until_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.__exit__()
        raise LineageError("the API server process did not start (see the log above)")

    def __exit__(self, *exc: object) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@asynccontextmanager
async def served_client(
    settings: Settings, token: str, timeout_s: float
) -> AsyncIterator[aiohttp.ClientSession]:
    """A client of the app served alone in its own process (`ServerProcess`), over a
    scratch asset root, sending `token`."""
    with tempfile.TemporaryDirectory(prefix="lineage-bench-") as root:
        served = settings.model_copy(update={"assets_root": Path(root)})
        with ServerProcess(served) as server:
            auth = {"Authorization": f"Bearer {token}"}
            timeout = aiohttp.ClientTimeout(total=timeout_s)
            async with aiohttp.ClientSession(server.url, headers=auth, timeout=timeout) as http:
                yield http


def serve(port: int, settings: Settings) -> None:
    """The child's side of `ServerProcess`."""
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    serve(int(sys.argv[1]), Settings.model_validate_json(sys.stdin.buffer.read()))
