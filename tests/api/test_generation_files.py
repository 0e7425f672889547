"""One path for every generation's file, recordGeneration's or a workflow run's; source
URLs kept without their secrets; a refused write stores nothing; `verify --gc`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request, Response

from lineage.assets.models import NewGeneration
from lineage.db.store import Store
from lineage.errors import ConflictError, NotFoundError
from lineage.files import AssetType, FileClaim, LocalFileStore
from lineage.files.gc import collect_garbage
from lineage.generations.service import GenerationService
from lineage.settings import Settings
from tests.api.test_workflow_run_and_batching import RUN
from tests.conftest import GraphQLClient
from tests.files.conftest import reaching_live_servers
from tests.files.samples import MP3, MP4, files_under
from tests.live_server import LiveServer
from tests.neo4j_provider import service_environment

SECRETS = ("s3cret", "X-Amz-Signature", "deadbeef")
GRAPH = """query($id: ID!) { lineage(id: $id, direction: BOTH, depth: 1) { graph } }"""


class Cdn:
    """A provider's file server that counts what it was asked."""

    def __init__(self) -> None:
        self.requests = 0
        app = FastAPI()
        app.get("/results/{name}")(self._serve)
        self.server = LiveServer(app)

    async def _serve(self, name: str, request: Request) -> Response:
        self.requests += 1
        return Response(MP3, media_type="audio/mpeg")

    def url(self, name: str = "song.mp3") -> str:
        """A presigned URL with credentials, as providers hand them out."""
        base = self.server.url.replace("http://", "http://user:s3cret@")
        return f"{base}/results/{name}?X-Amz-Signature=deadbeef&X-Amz-Expires=600"


@pytest.fixture
def cdn() -> Iterator[Cdn]:
    found = Cdn()
    with found.server:
        yield found


def _run(*generations: dict[str, Any]) -> dict[str, Any]:
    keyed = [{"key": f"g{n}", "generation": g} for n, g in enumerate(generations)]
    return {"engine": "n8n", "generations": keyed}


async def test_a_run_refuses_a_missing_file_or_one_of_another_type(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    """Both were recorded `ready` before; now as recordGeneration answers."""
    video = await http.post(
        "/files", params={"type": "video", "provider": "fal", "model": "m"}, content=MP4
    )
    image = {"type": "IMAGE", "provider": "fal", "model": "m"}
    missing = await gql(RUN, **{"in": _run({**image, "fileRef": "image/img-none.png"})})
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND", missing
    wrong = await gql(RUN, **{"in": _run({**image, "fileRef": video.json()["ref"]})})
    assert wrong["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "stored as video, not image" in wrong["errors"][0]["message"]
    assert (await gql.data("{ workflows { totalCount } }"))["workflows"]["totalCount"] == 0


async def test_a_run_downloads_its_source_urls_and_keeps_them_without_secrets(
    gql: GraphQLClient, cdn: Cdn
) -> None:
    music = {"type": "MUSIC", "provider": "kie", "model": "suno", "sourceUrl": cdn.url()}
    run = (await gql.data(RUN, **{"in": _run(music)}))["recordWorkflowRun"]
    [asset] = run["assets"]
    recorded = await gql.data(
        "query($id: ID!) { asset(id: $id) { fileRef fileSizeBytes mediaType } }", id=asset["id"]
    )
    assert recorded["asset"]["fileSizeBytes"] == len(MP3) and cdn.requests == 1
    single = await gql.data(
        "mutation($in: RecordGenerationInput!) { recordGeneration(input: $in) { asset { id } } }",
        **{"in": {**music, "id": "single", "sourceUrl": cdn.url("other.mp3")}},
    )
    for asset_id in (asset["id"], single["recordGeneration"]["asset"]["id"]):
        graph = (await gql.data(GRAPH, id=asset_id))["lineage"]["graph"]
        [node] = [n for n in graph["nodes"] if n["id"] == asset_id]
        shown = json.dumps(graph)
        assert not any(secret in shown for secret in SECRETS), shown
        assert node["properties"]["sourceUrl"].startswith(cdn.server.url + "/results/")
        assert len(node["properties"]["sourceUrlSha256"]) == 64


async def test_a_refused_write_stores_nothing_and_a_replay_downloads_nothing(
    store: Store, tmp_path: Path, cdn: Cdn
) -> None:
    files = reaching_live_servers(LocalFileStore(tmp_path / "assets"))
    service = GenerationService(store, files)
    song = NewGeneration(type="music", provider="kie", model="suno", source_url=cdn.url())
    with pytest.raises(NotFoundError, match="unknown project 'NOPE'"):
        await service.record(song.model_copy(update={"project_code": "NOPE"}))
    assert cdn.requests == 0 and files_under(files.layout.catalog / "music") == []
    first = await service.record(song, client_key="k1")
    replay = await service.record(song, client_key="k1")
    assert replay.asset.id == first.asset.id and cdn.requests == 1
    with pytest.raises(ConflictError, match="clientKey 'k1' was already used"):
        await service.record(song.model_copy(update={"name": "other"}), client_key="k1")
    assert cdn.requests == 1 and len(files_under(files.layout.catalog / "music")) == 1


async def test_verify_gc_removes_the_files_no_asset_names_after_the_grace_period(
    store: Store, tmp_path: Path, settings: Settings
) -> None:
    files = LocalFileStore(tmp_path / "assets")
    claim = FileClaim(AssetType.VIDEO, "fal", "m")
    unnamed = await files.save(_chunks(MP4), claim)  # stored, its write never came
    named = await files.save(_chunks(MP3), FileClaim(AssetType.MUSIC, "k", "m"))
    await GenerationService(store, files).record(
        NewGeneration(type="music", provider="k", model="m", file_ref=named.ref)
    )
    young = await collect_garbage(store, files, grace_seconds=3600)
    assert (young.removed, young.unnamed_within_grace) == ([], 1)
    environment = service_environment(settings, tmp_path / "assets")
    done = subprocess.run(
        [sys.executable, "-m", "lineage.cli", "verify", "--gc", "--gc-grace", "0", "--json"],
        env={**environment, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    garbage = json.loads(done.stdout)["garbage"]
    assert [(f["ref"], f["sizeBytes"]) for f in garbage["removed"]] == [(unnamed.ref, len(MP4))]
    assert not files.local_path(unnamed.ref).exists() and files.local_path(named.ref).exists()
    again = await files.save(_chunks(MP4), claim)  # the same bytes are stored anew
    assert not again.deduplicated and files.local_path(again.ref).exists()


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    yield data
