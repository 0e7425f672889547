"""Helpers for graph-level file tests: upload real bytes, record them, read the nodes back."""

from __future__ import annotations

import secrets
from typing import Any

import httpx

from lineage.db.store import Store
from tests.api.helpers import record
from tests.conftest import GraphQLClient
from tests.files.samples import image_bytes


def unique_jpeg() -> bytes:
    """A JPEG no other test uploads (the session's catalog is shared, and dedup is global)."""
    color = f"#{secrets.token_hex(3)}"
    return image_bytes("JPEG", color=color, size=(17 + secrets.randbelow(40), 13))


async def upload(http: httpx.AsyncClient, data: bytes, asset_type: str = "image") -> str:
    """POST /files; the new file's ref."""
    response = await http.post(
        "/files", params={"type": asset_type, "provider": "fal", "model": "flux-pro"}, content=data
    )
    assert response.status_code == 201, response.text
    ref: str = response.json()["ref"]
    return ref


async def record_with_file(
    gql: GraphQLClient, http: httpx.AsyncClient, asset_id: str, **fields: Any
) -> tuple[str, bytes]:
    """Upload a fresh JPEG and record an image asset on it; (its ref, its bytes)."""
    data = unique_jpeg()
    ref = await upload(http, data)
    await record(
        gql, id=asset_id, type="IMAGE", provider="fal", model="flux-pro", fileRef=ref, **fields
    )
    return ref, data


async def create_project(gql: GraphQLClient, code: str) -> None:
    await gql.data(
        "mutation($in: CreateProjectInput!) { createProject(input: $in) { code } }",
        **{"in": {"code": code}},
    )


async def file_flags(store: Store) -> dict[str, dict[str, Any]]:
    """Every asset's file properties, by id."""
    records, _, _ = await store.driver.execute_query(
        """MATCH (a:Asset) RETURN a.id AS id, a {.url, .fileSha256, .fileMissing,
           .fileProblem, .fileCheckedAt} AS flags""",
        database_=store.database,
    )
    return {row["id"]: row["flags"] for row in records}


async def create_lost_legacy_asset(store: Store, asset_id: str) -> None:
    """An asset as the legacy importer leaves it when the file was overwritten before import."""
    await store.driver.execute_query(
        """CREATE (:Asset {id: $id, type: 'image', slot: $id, version: 1, provider: 'fal',
           model: 'flux-pro', status: 'ready', createdAt: '2025-01-01T00:00:00.000Z',
           url: '/files/image/img-1735689600000-fal-flux-pro-000000.jpg',
           fileSha256: $sha, fileMissing: true, fileProblem: 'lost'})""",
        id=asset_id,
        sha="0" * 64,
        database_=store.database,
    )
