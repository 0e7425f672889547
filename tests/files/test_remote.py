"""`copy_from_url`: files fetched from a real local HTTP server, streamed into the store."""

from __future__ import annotations

import asyncio
import gzip
import re
import socket
from collections.abc import AsyncIterator, Iterator
from ipaddress import ip_address
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse, StreamingResponse

from lineage.errors import InvalidInputError
from lineage.files import AssetType, FileCheck, FileClaim, LocalFileStore
from lineage.files.addresses import is_public
from lineage.files.errors import DownloadError, FileTooLargeError, MediaMismatchError
from tests.files.conftest import reaching_live_servers
from tests.files.samples import MP3, MP4, files_under, image_bytes
from tests.live_server import LiveServer

JPEG = image_bytes("JPEG", color="#3a7b1c", size=(24, 18))
MEDIA = {"clip.mp4": MP4, "voice.mp3": MP3, "shot.jpg": JPEG}
STALL_SECONDS = 3.0


def source_app() -> FastAPI:
    """A file server with the awkward answers real ones give."""
    app = FastAPI()

    @app.get("/media/{name}")
    def media(name: str) -> Response:
        return Response(MEDIA[name], media_type="application/octet-stream")

    @app.get("/gzipped/voice.mp3")
    def gzipped() -> Response:
        return Response(gzip.compress(MP3), headers={"content-encoding": "gzip"})

    @app.get("/endless")
    def endless() -> StreamingResponse:
        """JPEG bytes with no Content-Length, and far more of them than any limit."""
        return StreamingResponse(iter([JPEG] + [b"\0" * 65536] * 1000))

    @app.get("/stall")
    def stall() -> StreamingResponse:
        return StreamingResponse(_after(STALL_SECONDS, JPEG))

    @app.get("/trickle")
    def trickle() -> StreamingResponse:
        return StreamingResponse(_trickle(JPEG, 0.05))

    @app.get("/status/{code}")
    def status(code: int) -> Response:
        return Response(b"nope", status_code=code)

    _add_redirects(app)
    return app


def _add_redirects(app: FastAPI) -> None:
    @app.get("/moved")
    def moved() -> RedirectResponse:
        return RedirectResponse("/media/clip.mp4")

    @app.get("/to-ftp")
    def to_ftp() -> RedirectResponse:
        return RedirectResponse("ftp://127.0.0.1/clip.mp4")

    @app.get("/to-private")
    def to_private(request: Request) -> RedirectResponse:
        """Another loopback address (not the allowed 127.0.0.1), same server port."""
        return RedirectResponse(f"http://127.0.0.2:{request.url.port}/media/clip.mp4")

    @app.get("/loop")
    def loop() -> RedirectResponse:
        return RedirectResponse("/loop")


async def _after(seconds: float, data: bytes) -> AsyncIterator[bytes]:
    await asyncio.sleep(seconds)
    yield data


async def _trickle(data: bytes, every: float) -> AsyncIterator[bytes]:
    for start in range(0, len(data), 64):
        await asyncio.sleep(every)
        yield data[start : start + 64]


@pytest.fixture(scope="module")
def source() -> Iterator[str]:
    with LiveServer(source_app()) as server:
        yield server.url


def video() -> FileClaim:
    return FileClaim(AssetType.VIDEO, "kling", "v2")


def audio() -> FileClaim:
    return FileClaim(AssetType.AUDIO, "elevenlabs", "v3")


def image() -> FileClaim:
    return FileClaim(AssetType.IMAGE, "fal", "flux-pro")


def nothing_stored(store: LocalFileStore) -> bool:
    return files_under(store.layout.catalog) == []


async def test_copies_byte_identical_and_deduplicates(
    file_store: LocalFileStore, source: str
) -> None:
    stored = await file_store.copy_from_url(f"{source}/media/clip.mp4", video())
    assert file_store.local_path(stored.ref).read_bytes() == MP4
    assert (stored.media_type, stored.size_bytes, stored.deduplicated) == (
        "video/mp4",
        len(MP4),
        False,
    )
    assert await file_store.verify(stored.ref, stored.sha256) == FileCheck.OK
    again = await file_store.copy_from_url(f"{source}/moved", video())
    assert again.ref == stored.ref and again.deduplicated
    assert files_under(file_store.layout.staging) == []


async def test_stores_the_decoded_bytes_of_a_compressed_answer(
    file_store: LocalFileStore, source: str
) -> None:
    stored = await file_store.copy_from_url(f"{source}/gzipped/voice.mp3", audio())
    assert file_store.local_path(stored.ref).read_bytes() == MP3


async def test_the_claim_is_checked_like_an_upload(file_store: LocalFileStore, source: str) -> None:
    with pytest.raises(MediaMismatchError):
        await file_store.copy_from_url(f"{source}/media/voice.mp3", image())
    named = FileClaim(AssetType.IMAGE, "fal", "flux-pro", filename="shot.png")
    with pytest.raises(MediaMismatchError):
        await file_store.copy_from_url(f"{source}/media/shot.jpg", named)
    assert nothing_stored(file_store)


async def test_a_declared_length_over_the_limit_is_refused_before_reading(
    tmp_path: Path, source: str
) -> None:
    store = reaching_live_servers(LocalFileStore(tmp_path / "assets", max_bytes=len(MP4) - 1))
    with pytest.raises(FileTooLargeError, match=r"media/clip\.mp4 sends \d+ bytes"):
        await store.copy_from_url(f"{source}/media/clip.mp4", video())
    assert nothing_stored(store)


async def test_an_undeclared_length_is_stopped_at_the_limit(tmp_path: Path, source: str) -> None:
    store = reaching_live_servers(LocalFileStore(tmp_path / "assets", max_bytes=256 * 1024))
    with pytest.raises(FileTooLargeError, match="limit of 262144 bytes"):
        await store.copy_from_url(f"{source}/endless", image())
    assert nothing_stored(store)


@pytest.mark.parametrize("code", [404, 403, 500, 204])
async def test_a_non_2xx_answer_names_the_url_and_status(
    file_store: LocalFileStore, source: str, code: int
) -> None:
    url = f"{source}/status/{code}?X-Amz-Signature=s3cr3t"
    if code == 204:  # 2xx but empty: refused as no media, not as a download failure
        with pytest.raises(InvalidInputError, match="empty"):
            await file_store.copy_from_url(url, image())
        return
    with pytest.raises(DownloadError) as refused:
        await file_store.copy_from_url(url, image())
    assert f"{source}/status/{code} answered HTTP {code}" in refused.value.message
    assert "s3cr3t" not in refused.value.message
    assert refused.value.code == "DOWNLOAD_FAILED"
    assert nothing_stored(file_store)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://127.0.0.1/clip.mp4",
        "file:///etc/passwd",
        "http:///no-host.jpg",
        "/files/image/relative.jpg",
        "not a url",
        "",
    ],
)
async def test_only_http_and_https_urls(file_store: LocalFileStore, url: str) -> None:
    with pytest.raises(DownloadError, match=r"http and https|not a valid URL"):
        await file_store.copy_from_url(url, image())
    assert nothing_stored(file_store)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-ftp", "redirects to a URL that is not http"),
        ("/loop", "redirects more than 5 times"),
    ],
)
async def test_bad_redirects(
    file_store: LocalFileStore, source: str, path: str, message: str
) -> None:
    with pytest.raises(DownloadError, match=message):
        await file_store.copy_from_url(f"{source}{path}", video())
    assert nothing_stored(file_store)


async def test_an_unreachable_host(file_store: LocalFileStore, unused_port: int) -> None:
    url = f"http://127.0.0.1:{unused_port}/clip.mp4"
    with pytest.raises(DownloadError, match=re.escape(f"cannot fetch {url}")):
        await file_store.copy_from_url(url, video())
    assert nothing_stored(file_store)


async def test_a_stalled_server_times_out(file_store: LocalFileStore, source: str) -> None:
    file_store.url_timeout = httpx.Timeout(0.5)
    with pytest.raises(DownloadError, match="timed out"):
        await file_store.copy_from_url(f"{source}/stall", image())
    assert nothing_stored(file_store)


async def test_a_trickling_server_misses_the_deadline(
    file_store: LocalFileStore, source: str
) -> None:
    file_store.url_deadline_seconds = 0.3
    with pytest.raises(DownloadError, match=r"took over 0\.3 s"):
        await file_store.copy_from_url(f"{source}/trickle", image())
    assert nothing_stored(file_store)


async def test_a_bad_claimed_name_is_refused_before_fetching(file_store: LocalFileStore) -> None:
    named = FileClaim(AssetType.IMAGE, "fal", "flux-pro", filename="../../x.jpg")
    with pytest.raises(InvalidInputError, match="is a path"):
        await file_store.copy_from_url("http://127.0.0.1:9/never-fetched.jpg", named)


@pytest.fixture
def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[64:ff9b::a9fe:a9fe]",  # 169.254.169.254 through NAT64
        "169.254.169.254",
        "10.0.0.7",
        "0.0.0.0",
        "[2002:7f00:1::]",  # 6to4 of 127.0.0.1
        "[::127.0.0.1]",  # IPv4-compatible
        "[64:ff9b:1::7f00:1]",  # local-use NAT64
        "[fec0::1]",  # site-local
        "[ff02::1]",  # multicast
        "224.0.0.1",
        "192.88.99.1",  # 6to4 relay anycast
    ],
)
async def test_only_public_addresses_by_default(tmp_path: Path, source: str, host: str) -> None:
    """Loopback (by number or by name), cloud metadata, private and unspecified
    addresses are refused before any request; the live server answers only 127.0.0.1."""
    store = LocalFileStore(tmp_path / "assets")
    url = source.replace("127.0.0.1", host) + "/media/clip.mp4"
    with pytest.raises(DownloadError, match="not a public address") as refused:
        await store.copy_from_url(url, video())
    assert refused.value.code == "DOWNLOAD_FAILED"
    assert nothing_stored(store)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700::1111", True),
        ("64:ff9b::808:808", True),  # 8.8.8.8 through NAT64
        ("2002:808:808::", False),  # 6to4 even of a public address
        ("::808:808", False),
        ("2001:db8::1", False),
        ("3fff::1", False),
        ("5f00::1", False),
        ("100::1", False),
        ("2620:4f:8000::1", False),
        ("198.18.0.1", False),
        ("240.0.0.1", False),
    ],
)
def test_special_purpose_ranges_are_not_public(address: str, public: bool) -> None:
    assert is_public(ip_address(address)) is public


async def test_a_redirect_to_a_network_not_allowed_is_refused(
    file_store: LocalFileStore, source: str
) -> None:
    with pytest.raises(DownloadError, match=re.escape("leads to 127.0.0.2, which is not a public")):
        await file_store.copy_from_url(f"{source}/to-private", video())
    assert nothing_stored(file_store)


async def test_allowed_networks_do_not_open_nat64_to_internal_addresses(
    file_store: LocalFileStore,
) -> None:
    with pytest.raises(DownloadError, match="not a public address"):
        await file_store.copy_from_url("http://[64:ff9b::a9fe:a9fe]/latest/meta-data", image())


async def test_a_name_of_an_internal_host_is_refused_without_connecting(
    tmp_path: Path, unused_port: int
) -> None:
    """Open port or closed, the answer is the same: no probing of internal ports."""
    store = LocalFileStore(tmp_path / "assets")
    with pytest.raises(DownloadError, match="leads to localhost, which is not a public address"):
        await store.copy_from_url(f"http://localhost:{unused_port}/x.jpg", image())


async def test_proxy_settings_of_the_environment_are_ignored(
    file_store: LocalFileStore, source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    stored = await file_store.copy_from_url(f"{source}/media/shot.jpg", image())
    assert stored.size_bytes == len(JPEG)
