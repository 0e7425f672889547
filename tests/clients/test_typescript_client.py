"""The TypeScript client (clients/typescript) builds from the committed schema.graphql.

Its packages are installed from the committed package.json and package-lock.json
(`npm ci`, integrity-checked) into clients/typescript/node_modules (git-ignored) when
missing or older than the lock file; then codegen writes the types of the schema and
of the operations, and `tsc --noEmit --strict` checks the client and its example. The
drawn lineage graph is checked against its JSON Schema (docs/lineage-graph.schema.json)
with the client's own validator.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.api.helpers import image, prompt, video
from tests.conftest import GraphQLClient

CLIENT = Path(__file__).parents[2] / "clients" / "typescript"
GRAPH = """query($id: ID!) { lineage(id: $id, direction: BOTH, depth: 3) { graph } }"""


@pytest.fixture(scope="session")
def npm() -> str:
    found = shutil.which("npm")
    if found is None or shutil.which("node") is None:
        pytest.skip("the TypeScript client needs node and npm on PATH")
    installed = CLIENT / "node_modules" / ".package-lock.json"
    lock = CLIENT / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        run([found, "ci", "--ignore-scripts", "--no-audit", "--no-fund"])
    return found


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    ran = subprocess.run(command, cwd=CLIENT, capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, f"{' '.join(command)} failed:\n{ran.stdout}\n{ran.stderr}"
    return ran


def test_codegen_then_tsc_strict_pass(npm: str) -> None:
    shutil.rmtree(CLIENT / "src" / "generated", ignore_errors=True)
    run([npm, "run", "codegen"])
    generated = (CLIENT / "src" / "generated" / "graphql.ts").read_text()
    for operation in ("RecordGeneration", "SearchAssets", "Lineage", "Orphans", "Impact"):
        assert f"export const {operation}Document" in generated
    assert "DateTime: { input: string; output: string; }" in generated
    assert "Decimal: { input: string; output: string; }" in generated
    assert "JSON: { input: unknown; output: unknown; }" in generated
    run([npm, "exec", "--", "tsc", "--noEmit", "--strict"])


def validate(npm: str, graph: dict[str, Any], path: Path) -> subprocess.CompletedProcess[str]:
    path.write_text(json.dumps(graph))
    command = [npm, "run", "--silent", "validate-graph", "--", str(path)]
    return subprocess.run(command, cwd=CLIENT, capture_output=True, text=True, timeout=120)


async def test_the_drawn_graph_matches_its_json_schema(
    npm: str, gql: GraphQLClient, tmp_path: Path
) -> None:
    human = await prompt(gql, kind="HUMAN", text="a red fox at dawn", role="image")
    machine = await prompt(
        gql,
        kind="MACHINE",
        text="a red fox",
        role="image",
        refinedFromId=human["id"],
        refinedByModel="gpt-4o",
    )
    await image(gql, "img-0", promptIds=[machine["id"]])
    await image(gql, "img-1", status="GENERATING")
    await video(gql, "vid", "img-0", "img-1")
    await video(gql, "vid-2", "img-0", "img-1", regeneratesId="vid")
    graph = (await gql.data(GRAPH, id="vid"))["lineage"]["graph"]
    checked = validate(npm, graph, tmp_path / "graph.json")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    graph["nodes"][0]["properties"]["type"] = "video"  # the stored spelling is refused
    refused = validate(npm, graph, tmp_path / "lowercase.json")
    assert refused.returncode == 1 and "/nodes/0/properties/type" in refused.stdout
