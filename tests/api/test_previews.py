"""Previews are derivatives, not originals: small WebPs of images and video poster frames,
and sound waveforms, made once per file content, served by signed URL like the originals."""

from __future__ import annotations

import hashlib
import io
import logging
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from PIL import Image

from lineage.settings import Settings
from tests.api.helpers import record
from tests.conftest import GraphQLClient
from tests.files.encoded import noisy_jpeg, with_comment
from tests.files.samples import MP3, MP4, image_bytes
from tests.live_server import LiveServer

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
    await recorded(http, gql, "voice", "MUSIC", MP3)  # as the other tests store it
    peaks = (await gql.data(WAVEFORM, id="voice", points=64))["asset"]["waveform"]
    assert len(peaks) == 64 and all(0.0 <= peak <= 1.0 for peak in peaks)
    assert max(peaks) > 0.05, peaks  # narration, not silence
    assert await preview(gql, "voice") is None


PAGE = """{ assets(first: 60) { edges { node { id signedUrl preview { url sizeBytes } } } } }"""


async def test_a_page_of_sixty_4_mb_images_costs_under_3_mb_of_previews(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    photo = noisy_jpeg((2200, 1600))
    assert len(photo) > 4_000_000
    for n in range(60):
        await recorded(http, gql, f"photo-{n}", "IMAGE", with_comment(photo, f"take {n}"))
    answer = await http.post("/graphql", json={"query": PAGE}, timeout=300)
    nodes = [edge["node"] for edge in answer.json()["data"]["assets"]["edges"]]
    previews = [node["preview"] for node in nodes]
    assert len(previews) == 60 and len({p["url"] for p in previews}) == 60
    total = sum(p["sizeBytes"] for p in previews)
    async with anonymous(http) as browser:
        served = [len((await browser.get(p["url"])).content) for p in previews]
        original = await browser.head(nodes[0]["signedUrl"])
    assert served == [p["sizeBytes"] for p in previews]
    assert int(original.headers["content-length"]) > 4_000_000  # one click away
    assert total < 3_000_000, total
    print(f"60 previews: {total:,} bytes for {60 * len(photo):,} bytes of originals")


async def test_odd_names_and_a_file_less_asset(http: httpx.AsyncClient, gql: GraphQLClient) -> None:
    ref = await stored(http, "image", image_bytes("PNG", size=(500, 400)), "ภาพ ช็อต #1 (ร่าง).png")
    await record(
        gql, id="ภาพ-1", type="IMAGE", provider="fal", model="m", fileRef=ref, name="ฉากที่ ๑"
    )
    found = await preview(gql, "ภาพ-1")
    assert (found["width"], found["height"]) == (320, 256)
    async with anonymous(http) as browser:
        assert (await browser.get(found["url"])).status_code == 200
    await record(gql, id="no-file", type="IMAGE", provider="fal", model="m")
    assert await preview(gql, "no-file") is None
    assert (await gql.data(WAVEFORM, id="no-file", points=8))["asset"]["waveform"] is None


async def test_a_missing_or_corrupt_file_has_no_preview_and_says_why_in_the_log(
    http: httpx.AsyncClient,
    gql: GraphQLClient,
    settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    catalog = settings.assets_root / "catalog"
    gone = await recorded(http, gql, "gone", "IMAGE", image_bytes(color="olive"))
    (catalog / gone).unlink()
    broken = await recorded(http, gql, "broken", "IMAGE", image_bytes(color="teal"))
    (catalog / broken).write_bytes((catalog / broken).read_bytes()[:150])
    with caplog.at_level(logging.WARNING, "lineage.files.derived"):
        for asset_id in ("gone", "broken"):
            body = await gql(PREVIEW, id=asset_id, size="DETAIL")
            assert body == {"data": {"asset": {"preview": None}}}, body
    assert f"for {gone}: its file is missing" in caplog.text
    assert f"for {broken}: not a readable image" in caplog.text
    waveform = await gql(WAVEFORM, id="broken", points=8)
    assert waveform == {"data": {"asset": {"waveform": None}}}


async def test_previews_are_served_like_originals(
    http: httpx.AsyncClient, gql: GraphQLClient, live_server: LiveServer
) -> None:
    await recorded(http, gql, "img", "IMAGE", image_bytes(size=(900, 600)))
    url = (await preview(gql, "img"))["url"]
    path = urlsplit(url).path
    keyed = await http.get(path)
    assert keyed.headers["cache-control"] == "private, max-age=31536000, immutable"
    assert keyed.headers["etag"] == f'"{hashlib.sha256(keyed.content).hexdigest()}"'
    assert keyed.headers["x-content-type-options"] == "nosniff"
    again = await http.get(path, headers={"If-None-Match": keyed.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    query = parse_qs(urlsplit(url).query)
    expired = live_server.app.state.lineage.media_urls.sign(
        path.removeprefix("/files/"), 60, query["key"][0], now=time.time() - 120
    )
    async with anonymous(http) as browser:
        signed = await browser.get(url)
        assert signed.status_code == 200 and signed.content == keyed.content
        assert (await browser.head(url)).headers["content-length"] == str(len(keyed.content))
        cache, _, age = signed.headers["cache-control"].partition(", max-age=")
        assert cache == "private" and 3500 < int(age) <= 3600
        assert (await browser.get(path)).status_code == 401  # no key, no signature
        refused = await browser.get(expired)
        assert refused.status_code == 401 and "expired" in refused.json()["detail"]["message"]
        other = url.replace("-grid.webp", "-detail.webp")
        assert "does not match" in (await browser.get(other)).json()["detail"]["message"]
    assert (await http.get(path.replace("-grid.webp", "-detail.webp"))).status_code == 404
    assert (await http.get("/files/derived/..%2Fmeta.json")).status_code in {400, 404}


async def test_waveform_points_are_bounded(http: httpx.AsyncClient, gql: GraphQLClient) -> None:
    await recorded(http, gql, "voice", "MUSIC", MP3)  # as the other tests store it
    for points in (7, 513):
        body = await gql(WAVEFORM, id="voice", points=points)
        assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
        assert body["errors"][0]["message"] == f"points must be 8 to 512, got {points}"
