"""The GraphQL-over-HTTP spec's own audit (npm's graphql-http) against the live API.

The audit's package is installed from the committed package.json and
package-lock.json (`npm ci`, integrity-checked) into tests/protocol/audit/node_modules
(git-ignored) when missing or older than the lock file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from lineage.auth.models import ApiKey
from tests.live_server import LiveServer

AUDIT = Path(__file__).parent / "audit"
EXPECTED = {"MUST": (13, 13), "SHOULD": (23, 23), "MAY": (25, 25)}


@pytest.fixture(scope="session")
def node() -> str:
    found, npm = shutil.which("node"), shutil.which("npm")
    if found is None or npm is None:
        pytest.skip("the graphql-http audit needs node and npm on PATH")
    installed = AUDIT / "node_modules" / ".package-lock.json"
    lock = AUDIT / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
        subprocess.run(command, cwd=AUDIT, check=True, capture_output=True)
    return found


def audit(node: str, url: str, token: str) -> list[dict[str, str]]:
    ran = subprocess.run(
        [node, "audit.js", url, token], cwd=AUDIT, capture_output=True, text=True, check=True
    )
    return [json.loads(line) for line in ran.stdout.splitlines()]


async def test_the_spec_audit_passes_every_must_should_and_may(
    node: str,
    live_server: LiveServer,
    admin_key: tuple[ApiKey, str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = audit(node, live_server.url + "/graphql", admin_key[1])
    total, passed = Counter[str](), Counter[str]()
    for result in results:
        level = result["name"].split()[0]
        total[level] += 1
        passed[level] += result["status"] == "ok"
    figures = {level: (passed[level], total[level]) for level in EXPECTED}
    with capsys.disabled():
        shown = ", ".join(f"{level} {p}/{t}" for level, (p, t) in figures.items())
        print(f"\ngraphql-http audit: {shown}")
    misses = [f"{r['name']}: {r['reason']}" for r in results if r["status"] != "ok"]
    assert figures == EXPECTED, misses
