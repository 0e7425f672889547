"""Previews are derivatives, not originals: small WebPs of images and video poster frames,
and sound waveforms, made once per file content, served by signed URL like the originals."""

from __future__ import annotations

import io
from typing import Any

import httpx
from PIL import Image

from tests.api.helpers import record
from tests.conftest import GraphQLClient
from tests.files.samples import MP3, MP4, image_bytes

PREVIEW = """query($id: ID!, $size: PreviewSize!) { asset(id: $id) {
  preview(size: $size) { url width height mediaType sizeBytes } } }"""
WAVEFORM = "query($id: ID!, $points: Int!) { asset(id: $id) { waveform(points: $points) } }"


async def stored(
    http: httpx.AsyncClient, asset_type: str, data: bytes, filename: str | None = None
) -> str:
    params = {"type": asset_type, "provider": "fal", "model": "m"}
    if filename is not None:
        params["filename"] = filename
    answer = await http.post("/files", params=params, content=data)
    assert answer.status_code in {200, 201}, answer.text
    ref: str = answer.json()["ref"]
    return ref


async def recorded(
    http: httpx.AsyncClient, gql: GraphQLClient, asset_id: str, asset_type: str, data: bytes
) -> str:
    """The ref of `data`, stored and recorded as asset `asset_id` (a video with a start frame)."""
    ref = await stored(http, asset_type.lower(), data)
    fields = {"id": asset_id, "type": asset_type, "provider": "fal", "model": "m", "fileRef": ref}
    if asset_type == "VIDEO":
        start = await record(gql, type="IMAGE", provider="fal", model="m")
        fields["frames"] = [{"assetId": start["id"], "role": "START"}]
    await record(gql, **fields)
    return ref


async def preview(gql: GraphQLClient, asset_id: str, size: str = "GRID") -> Any:
    return (await gql.data(PREVIEW, id=asset_id, size=size))["asset"]["preview"]


def anonymous(http: httpx.AsyncClient) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=str(http.base_url), timeout=30)


def picture_of(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


async def test_an_image_preview_is_a_small_webp_opened_by_its_signed_url(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    await recorded(http, gql, "img", "IMAGE", image_bytes(size=(1600, 1000)))
    grid = await preview(gql, "img")
    assert (grid["width"], grid["height"], grid["mediaType"]) == (320, 200, "image/webp")
    async with anonymous(http) as browser:
        served = await browser.get(grid["url"])
    assert served.status_code == 200, served.text
    assert served.headers["content-type"] == "image/webp"
    assert len(served.content) == grid["sizeBytes"]
    assert picture_of(served.content).size == (320, 200)
    detail = await preview(gql, "img", "DETAIL")
    assert (detail["width"], detail["height"]) == (1280, 800)


async def test_a_video_preview_is_a_poster_frame(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    await recorded(http, gql, "clip", "VIDEO", MP4)
    grid = await preview(gql, "clip")
    assert grid is not None and max(grid["width"], grid["height"]) <= 320
    async with anonymous(http) as browser:
        served = await browser.get(grid["url"])
    assert served.status_code == 200 and picture_of(served.content).format == "WEBP"


async def test_a_sound_has_a_waveform_and_no_preview(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    await recorded(http, gql, "voice", "AUDIO", MP3)
    peaks = (await gql.data(WAVEFORM, id="voice", points=64))["asset"]["waveform"]
    assert len(peaks) == 64 and all(0.0 <= peak <= 1.0 for peak in peaks)
    assert max(peaks) > 0.05, peaks  # narration, not silence
    assert await preview(gql, "voice") is None
