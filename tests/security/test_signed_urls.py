"""Signed media URLs: one file, GET and HEAD, no API key, until they expire."""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from lineage.app import create_app
from lineage.auth.models import Scope
from lineage.auth.service import KeyService
from lineage.auth.tokens import key_id_of
from lineage.db.store import Store
from lineage.errors import InvalidInputError, UnauthenticatedError
from lineage.files.signing import MediaUrls
from lineage.settings import Settings
from tests.api.helpers import RECORD
from tests.conftest import GraphQLClient, bearer
from tests.live_server import LiveServer

SAMPLES = Path(__file__).resolve().parents[2] / "scripts" / "sample_media"
SIGNED = """query($id: ID!, $s: Int!) { asset(id: $id) { url signedUrl(expiresIn: $s) } }"""


async def recorded_clip(http: httpx.AsyncClient, gql: GraphQLClient, asset_id: str) -> bytes:
    """A recorded video (with its start frame) whose file was uploaded; its bytes."""
    clip = (SAMPLES / "001-002.mp4").read_bytes()
    uploaded = await http.post(
        "/files", params={"type": "video", "provider": "fal", "model": "wan"}, content=clip
    )
    assert uploaded.status_code in {200, 201}, uploaded.text
    await gql.data(RECORD, **{"in": {"id": "shot", "type": "IMAGE", "provider": "p", "model": "m"}})
    fields = {"id": asset_id, "type": "VIDEO", "provider": "fal", "model": "wan"}
    frames = [{"assetId": "shot", "role": "START"}]
    await gql.data(
        RECORD, **{"in": {**fields, "frames": frames, "fileRef": uploaded.json()["ref"]}}
    )
    return clip


async def signed(gql: GraphQLClient, asset_id: str, seconds: int = 60) -> tuple[str, str]:
    """(url, signedUrl) of the asset."""
    asset = (await gql.data(SIGNED, id=asset_id, s=seconds))["asset"]
    return asset["url"], asset["signedUrl"]


def anonymous(http: httpx.AsyncClient) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=str(http.base_url), timeout=30)


async def test_a_signed_url_opens_the_file_without_a_key(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    clip = await recorded_clip(http, gql, "clip")
    url, signed_url = await signed(gql, "clip")
    assert signed_url.startswith(f"{str(http.base_url).rstrip('/')}{url}?expires=")  # absolute
    keyed = await http.get(url)
    assert keyed.headers["cache-control"] == "private, max-age=31536000, immutable"
    async with anonymous(http) as browser:
        assert (await browser.get(url)).status_code == 401
        served = await browser.get(signed_url)
        assert served.status_code == 200 and served.content == clip
        # no cache may keep it past the URL's expiry (60 s), nor share it
        cache, _, age = served.headers["cache-control"].partition(", max-age=")
        assert cache == "private" and 0 <= int(age) <= 60
        part = await browser.get(signed_url, headers={"Range": "bytes=0-9"})
        assert part.status_code == 206 and part.content == clip[:10]
        assert (await browser.head(signed_url)).status_code == 200
        assert (await browser.post(signed_url, content=b"x")).status_code == 401


async def test_a_tampered_url_is_refused_saying_why(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    await recorded_clip(http, gql, "clip")
    url, signed_url = await signed(gql, "clip")
    query = parse_qs(urlsplit(signed_url).query)
    expires, signature = query["expires"][0], query["signature"][0]
    later = f"{url}?expires={int(expires) + 3600}&signature={signature}"
    other = f"/files/video/other.mp4?expires={expires}&signature={signature}"
    async with anonymous(http) as browser:
        superscript_two = f"{url}?expires=%C2%B2&signature={signature}"
        for tampered in (later, other, f"{url}?signature={signature}", superscript_two):
            refused = await browser.get(tampered)
            assert refused.status_code == 401, tampered
            assert refused.json()["detail"]["code"] == "UNAUTHENTICATED"
        assert "does not match" in (await browser.get(later)).json()["detail"]["message"]


async def test_an_expired_url_is_refused(http: httpx.AsyncClient, gql: GraphQLClient) -> None:
    await recorded_clip(http, gql, "clip")
    _, signed_url = await signed(gql, "clip", seconds=1)
    await asyncio.sleep(2.1)
    async with anonymous(http) as browser:
        refused = await browser.get(signed_url)
    assert refused.status_code == 401 and "expired" in refused.json()["detail"]["message"]


async def test_expiry_bounds_and_assets_without_a_file(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    await recorded_clip(http, gql, "clip")
    for seconds in (0, 7 * 24 * 3600 + 1):
        body = await gql(SIGNED, id="clip", s=seconds)
        assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
        assert "expiresIn must be 1 to 604800 seconds" in body["errors"][0]["message"]
    assert (await signed(gql, "shot"))[1] is None  # no file, no URL


def test_media_urls_check_ref_expiry_key_and_secret() -> None:
    urls = MediaUrls("secret", max_seconds=600)
    query = parse_qs(urlsplit(urls.sign("image/a.jpg", 60, "k1", now=1_000)).query)
    expires, signature = query["expires"][0], query["signature"][0]
    assert (expires, query["key"][0]) == ("1060", "k1")
    assert urls.check("image/a.jpg", expires, "k1", signature, now=1_060).key_id == "k1"
    with pytest.raises(UnauthenticatedError, match="expired at 1060"):
        urls.check("image/a.jpg", expires, "k1", signature, now=1_061)
    with pytest.raises(UnauthenticatedError, match="does not match"):
        urls.check("image/b.jpg", expires, "k1", signature, now=1_000)
    with pytest.raises(UnauthenticatedError, match="does not match"):
        urls.check("image/a.jpg", expires, "k2", signature, now=1_000)  # another key's
    with pytest.raises(UnauthenticatedError, match="does not match"):
        MediaUrls("another", 600).check("image/a.jpg", expires, "k1", signature, now=1_000)
    with pytest.raises(UnauthenticatedError, match="needs 'expires'"):
        urls.check("image/a.jpg", "soon", "k1", signature, now=1_000)
    for seconds in (0, 601):
        with pytest.raises(InvalidInputError, match="expiresIn must be 1 to 600 seconds"):
            urls.sign("image/a.jpg", seconds, "k1")


async def test_with_auth_off_a_bad_signature_does_not_lock_a_file_away(
    http: httpx.AsyncClient, gql: GraphQLClient, settings: Settings
) -> None:
    clip = await recorded_clip(http, gql, "clip")
    url, _ = await signed(gql, "clip")
    open_app = create_app(settings.model_copy(update={"auth_enabled": False}))
    with LiveServer(open_app) as server:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as browser:
            served = await browser.get(f"{url}?expires=1&signature=wrong")
    assert served.status_code == 200 and served.content == clip


async def test_a_signed_url_dies_with_the_key_that_asked_for_it(
    client: httpx.AsyncClient, tokens: dict[Scope, str], store: Store
) -> None:
    """On the strict server (no key cache) the revocation takes effect at once."""
    base = str(client.base_url)
    async with (
        httpx.AsyncClient(base_url=base, headers=bearer(tokens[Scope.WRITE])) as writer,
        httpx.AsyncClient(base_url=base, headers=bearer(tokens[Scope.READ])) as reader,
    ):
        await recorded_clip(writer, GraphQLClient(writer), "clip")
        _, signed_url = await signed(GraphQLClient(reader), "clip")
    assert parse_qs(urlsplit(signed_url).query)["key"] == [key_id_of(tokens[Scope.READ])]
    assert (await client.get(signed_url)).status_code == 200
    await KeyService(store, ttl_s=0).revoke(str(key_id_of(tokens[Scope.READ])))
    refused = await client.get(signed_url)
    assert refused.status_code == 401
    assert "was revoked" in refused.json()["detail"]["message"]
