"""A real Neo4j Community server run by the project itself, with only Java and Maven.

Layout under `settings.local_neo4j_root` (git-ignored):

    lib/                      the server's jars, resolved once by Maven from Maven Central
    <instance>/conf/neo4j.conf
    <instance>/data/ logs/ plugins/ run/neo4j.pid

It is started like the official tarball's launcher does: the JVM with the
server's classpath and `--add-opens` flags, running `CommunityEntryPoint`.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import httpx

from lineage.errors import LocalNeo4jError
from lineage.localdb.browser import post_connect_command
from lineage.settings import Settings

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djol.skipHotspotSAAttach=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
)


@dataclass(frozen=True)
class ServerStatus:
    """What `lineage db status` reports."""

    running: bool
    pid: int | None
    bolt_uri: str
    http_url: str
    version: str | None
    home: Path

    @property
    def browser_url(self) -> str:
        return f"{self.http_url}/browser/?dbms={self.bolt_uri.replace('bolt://', 'bolt://neo4j@')}"


class LocalNeo4j:
    """One local Neo4j instance: provision, start, stop, report."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = settings.local_neo4j_root.resolve()
        self.home = self.root / settings.local_neo4j_instance
        self.lib = self.root / "lib"
        self.pid_file = self.home / "run" / "neo4j.pid"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings.local_neo4j_bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.settings.local_neo4j_http_port}"

    def status(self) -> ServerStatus:
        pid = self._live_pid()
        version = self._http_version() if pid else None
        return ServerStatus(pid is not None, pid, self.bolt_uri, self.http_url, version, self.home)

    def start(self) -> ServerStatus:
        """Start the server unless it already runs; return once Bolt answers."""
        if self._live_pid() is not None:
            self._wait_for_bolt()
            return self.status()
        self._refuse_held_ports()
        self._ensure_jars()
        self._write_config()
        self._set_initial_password()
        self._spawn()
        self._wait_for_bolt()
        return self.status()

    def stop(self, timeout_s: float = 60.0) -> bool:
        """Stop the server; False when it was not running."""
        pid = self._live_pid()
        if pid is None:
            return False
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """SIGKILL the server, as a crash would (used by fault tests)."""
        pid = self._live_pid()
        if pid is not None:
            os.killpg(pid, signal.SIGKILL)
            while _alive(pid):
                time.sleep(0.05)

    # -- provisioning -------------------------------------------------------

    def _refuse_held_ports(self) -> None:
        """A port already answering belongs to a server this instance did not start
        (another checkout's Neo4j, another instance): say so, rather than go on to
        talk to it and fail on its password."""
        ports = {
            "Bolt": self.settings.local_neo4j_bolt_port,
            "HTTP": self.settings.local_neo4j_http_port,
        }
        held = [f"{name} port {port}" for name, port in ports.items() if _port_open(port)]
        if held:
            raise LocalNeo4jError(
                f"the {' and '.join(held)} of the local Neo4j instance "
                f"{self.settings.local_neo4j_instance!r} is already held by a server this "
                f"instance did not start (no live pid in {self.pid_file.name} of "
                f"{self.home.name}): stop that server, or choose other ports with "
                "LINEAGE_LOCAL_NEO4J_BOLT_PORT / _HTTP_PORT"
            )

    def _ensure_jars(self) -> None:
        if self.lib.is_dir() and any(self.lib.glob("neo4j-server-*.jar")):
            return
        if shutil.which("mvn") is None or shutil.which("java") is None:
            raise LocalNeo4jError(
                "no NEO4J_URI is set and Java + Maven are not both on PATH: "
                "install them, or point NEO4J_URI at a running Neo4j"
            )
        staging = self.root / "lib.staging"
        shutil.rmtree(staging, ignore_errors=True)
        pom = resources.files("lineage.localdb") / "pom.xml"
        with resources.as_file(pom) as pom_path:
            _run(
                [
                    "mvn",
                    "-q",
                    "-B",
                    "-f",
                    str(pom_path),
                    "dependency:copy-dependencies",
                    f"-DoutputDirectory={staging}",
                ],
                "resolving Neo4j's jars from Maven Central",
            )
        staging.rename(self.lib)

    def _write_config(self) -> None:
        for sub in ("conf", "data", "logs", "plugins", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        template = (resources.files("lineage.localdb") / "neo4j.conf").read_text()
        conf = template.format(
            home=self.home,
            bolt_port=self.settings.local_neo4j_bolt_port,
            http_port=self.settings.local_neo4j_http_port,
            pagecache=self.settings.local_neo4j_pagecache,
            post_connect_cmd=post_connect_command(self.settings.api_url),
        )
        (self.home / "conf" / "neo4j.conf").write_text(conf)

    def _set_initial_password(self) -> None:
        if (self.home / "data" / "dbms").exists():
            return
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        _run(
            [
                "java",
                "-cp",
                f"{self.lib}/*",
                ADMIN_TOOL,
                "dbms",
                "set-initial-password",
                self.settings.neo4j_password,
            ],
            "setting Neo4j's initial password",
            env=env,
        )

    def _spawn(self) -> None:
        heap = self.settings.local_neo4j_heap
        cmd = [
            "java",
            f"-Xms{heap}",
            f"-Xmx{heap}",
            *JVM_FLAGS,
            "-cp",
            f"{self.home}/plugins/*:{self.lib}/*",
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.home}/conf",
        ]
        console = (self.home / "logs" / "console.log").open("ab")
        proc = subprocess.Popen(
            cmd,
            stdout=console,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=self.home,
        )
        self.pid_file.write_text(str(proc.pid))

    # -- observation --------------------------------------------------------

    def _recorded_pid(self) -> int:
        try:
            return int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return 0

    def _live_pid(self) -> int | None:
        pid = self._recorded_pid()
        return pid if _alive(pid) and _is_neo4j(pid) else None

    def _wait_for_bolt(self) -> None:
        deadline = time.monotonic() + self.settings.local_neo4j_start_timeout_s
        while time.monotonic() < deadline:
            if not _alive(self._recorded_pid()):
                raise LocalNeo4jError(f"Neo4j exited during start-up.\n{self.log_tail()}")
            if _port_open(self.settings.local_neo4j_bolt_port) and self._http_version():
                return
            time.sleep(0.3)
        raise LocalNeo4jError(
            f"Neo4j did not answer on {self.bolt_uri} within "
            f"{self.settings.local_neo4j_start_timeout_s:.0f}s.\n{self.log_tail()}"
        )

    def _http_version(self) -> str | None:
        try:
            answer = httpx.get(self.http_url + "/", timeout=2.0).json()
        except (httpx.HTTPError, ValueError):
            return None
        return f"{answer.get('neo4j_version')} {answer.get('neo4j_edition')}"

    def log_tail(self, lines: int = 30) -> str:
        """The last lines of Neo4j's own logs, to explain a failed start."""
        parts = []
        for name in ("console.log", "neo4j.log", "debug.log"):
            path = self.home / "logs" / name
            if path.exists():
                tail = path.read_text(errors="replace").splitlines()[-lines:]
                parts.append(
                    f"--- {path.relative_to(self.root.parent)} (tail) ---\n" + "\n".join(tail)
                )
        return "\n".join(parts) or "(Neo4j wrote no log)"


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        waited = 0
    if waited == pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_neo4j(pid: int) -> bool:
    """Guards against a recycled pid: the process must be a Neo4j server."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    return ENTRY_POINT.encode() in cmdline


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _run(cmd: list[str], what: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()[-20:]
        raise LocalNeo4jError(f"{what} failed (exit {result.returncode}):\n" + "\n".join(output))
