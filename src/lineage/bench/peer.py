"""The peer of `lineage bench-story`: the official `@neo4j/graphql` library (versions
pinned in peer/package-lock.json) over the same Neo4j, served by peer/server.mjs.

`PeerProcess` copies peer/ into `.lineage/bench-peer/`, installs it there with
`npm ci` (again only when the lock file changed) and runs it with Node.js on a free
port until the block ends.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from lineage.bench.server import ChildServer
from lineage.errors import LineageError
from lineage.settings import Settings

SOURCE = Path(__file__).parent / "peer"
FILES = ("package.json", "package-lock.json", "server.mjs", "typedefs.graphql")
INSTALL_TIMEOUT_S = 600


def install(home: Path) -> None:
    """peer/ copied into `home`, its pinned packages installed (once per lock file)."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            raise LineageError(f"bench-story needs Node.js 20 or later and npm: no `{tool}`")
    home.mkdir(parents=True, exist_ok=True)
    lock = (SOURCE / "package-lock.json").read_bytes()
    installed = home / "node_modules" / ".lineage-lock.json"
    for name in FILES:
        shutil.copyfile(SOURCE / name, home / name)
    if installed.is_file() and installed.read_bytes() == lock:
        return
    command = ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    done = subprocess.run(
        command, cwd=home, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S
    )
    if done.returncode != 0:
        raise LineageError(f"npm ci of the bench peer failed: {done.stderr.strip()[-2000:]}")
    installed.write_bytes(lock)


class PeerProcess(ChildServer):
    """`with PeerProcess(settings) as peer:` serves @neo4j/graphql at `peer.url`."""

    what = "the @neo4j/graphql peer"

    def __init__(self, settings: Settings, home: Path = Path(".lineage/bench-peer")) -> None:
        super().__init__()
        self.settings = settings
        self.home = home

    def spawn(self) -> subprocess.Popen[bytes]:
        install(self.home)
        env = {
            **os.environ,
            "NEO4J_URI": str(self.settings.neo4j_uri),
            "NEO4J_USER": self.settings.neo4j_user,
            "NEO4J_PASSWORD": self.settings.neo4j_password,
        }
        return subprocess.Popen(["node", "server.mjs", str(self.port)], cwd=self.home, env=env)
