"""What an error may tell a client: never Neo4j's own words, nor where the server keeps files."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from lineage.assets.models import NewGeneration
from lineage.db.store import Store
from lineage.errors import LineageError
from lineage.files import LocalFileStore
from lineage.generations.service import GenerationService
from lineage.settings import Settings
from tests.api.helpers import RECORD
from tests.conftest import GraphQLClient
from tests.files.samples import image_bytes

NEO4J_WORDS = ("Node(", "already exists with label", "property `id`", "Neo.ClientError")


async def test_concurrent_creates_of_one_id_answer_without_neo4j_words(
    gql: GraphQLClient,
) -> None:
    fields = {"id": "img_race", "type": "IMAGE", "provider": "fal", "model": "flux"}
    bodies = await asyncio.gather(*(gql(RECORD, **{"in": fields}) for _ in range(8)))
    errors = [error for body in bodies for error in body.get("errors", [])]
    assert len(errors) == 7, bodies  # one of them recorded it
    assert {error["extensions"]["code"] for error in errors} == {"CONFLICT"}
    for error in errors:
        assert not any(word in error["message"] for word in NEO4J_WORDS), error


async def test_source_path_errors_name_no_folder_of_the_server(
    store: Store, tmp_path: Path
) -> None:
    root = tmp_path / "provider-output"
    root.mkdir()
    (tmp_path / "secret.png").write_bytes(image_bytes("PNG"))
    files = LocalFileStore(tmp_path / "assets")
    service = GenerationService(store, files, source_root=root)
    asked = {"../secret.png": "PATH_ESCAPE", str(tmp_path / "secret.png"): "PATH_ESCAPE"}
    asked |= {"nope.png": "NOT_FOUND"}
    for source_path, code in asked.items():
        gen = NewGeneration(type="image", provider="fal", model="m", source_path=source_path)
        with pytest.raises(LineageError) as refused:
            await service.record(gen)
        assert refused.value.code == code
        assert str(tmp_path) not in refused.value.message, refused.value.message


async def test_media_that_does_not_decode_is_refused_without_the_staging_path(
    http: httpx.AsyncClient, settings: Settings
) -> None:
    broken = {"image": b"\x89PNG\r\n\x1a\n" + b"x" * 200, "music": b"ID3" + b"\x00" * 200}
    for asset_type, body in broken.items():
        query = {"type": asset_type, "provider": "fal", "model": "m"}
        refused = await http.post("/files", params=query, content=body)
        assert refused.status_code == 422, refused.text
        assert refused.json()["detail"]["code"] == "MEDIA_MISMATCH"
        assert str(settings.assets_root) not in refused.text, refused.text
