"""POST /files and GET /files/{ref} through a real uvicorn server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

import httpx
import pytest

from lineage.files import LocalFileStore
from tests.files.conftest import HTTP_MAX_BYTES
from tests.files.samples import MP3, MP4, PDF, files_under, image_bytes

IMAGE_QUERY = {"type": "image", "provider": "fal", "model": "flux-pro"}


def upload(
    client: httpx.Client,
    body: bytes | Iterator[bytes],
    content_type: str = "application/octet-stream",
    **query: str,
) -> httpx.Response:
    params = {**IMAGE_QUERY, **query}
    return client.post(
        "/files", params=params, content=body, headers={"content-type": content_type}
    )


def uploaded(client: httpx.Client, body: bytes | Iterator[bytes], **query: str) -> dict[str, Any]:
    response = upload(client, body, **query)
    assert response.status_code == 201, response.text
    stored: dict[str, Any] = response.json()
    return stored


def test_upload_then_fetch_byte_identical(client: httpx.Client) -> None:
    data = image_bytes("PNG", size=(32, 16))
    response = upload(client, data, "image/png", type="thumbnail", filename="thumb.png")
    assert response.status_code == 201, response.text
    stored = response.json()
    assert stored["ref"].startswith("thumbnail/thb-") and stored["ref"].endswith(".png")
    assert (stored["mediaType"], stored["sizeBytes"]) == ("image/png", len(data))
    assert (stored["width"], stored["height"], stored["deduplicated"]) == (32, 16, False)
    fetched = client.get(stored["url"])
    assert fetched.status_code == 200 and fetched.content == data
    assert fetched.headers["content-type"] == "image/png"
    assert fetched.headers["etag"] == f'"{stored["sha256"]}"'
    assert fetched.headers["accept-ranges"] == "bytes"


def test_same_upload_twice_is_stored_once(
    client: httpx.Client, served_store: LocalFileStore
) -> None:
    first = uploaded(client, MP3, type="music")
    again = upload(client, MP3, "audio/mpeg", type="music")
    assert again.status_code == 200
    assert again.json() == {**first, "deduplicated": True}
    assert len(files_under(served_store.layout.catalog / "music")) == 1


def test_streamed_upload_without_length(client: httpx.Client) -> None:
    stored = uploaded(client, iter([MP4[:1000], MP4[1000:2000], MP4[2000:]]), type="video")
    assert client.get(stored["url"]).content == MP4


def test_range_requests(client: httpx.Client) -> None:
    url = uploaded(client, MP4, type="video")["url"]
    first = client.get(url, headers={"range": "bytes=0-99"})
    assert first.status_code == 206 and first.content == MP4[:100]
    assert first.headers["content-range"] == f"bytes 0-99/{len(MP4)}"
    assert first.headers["content-type"] == "video/mp4"
    tail = client.get(url, headers={"range": "bytes=-50"})
    assert tail.status_code == 206 and tail.content == MP4[-50:]
    rest = client.get(url, headers={"range": "bytes=2000-"})
    assert rest.status_code == 206 and rest.content == MP4[2000:]
    beyond = client.get(url, headers={"range": f"bytes={len(MP4)}-{len(MP4) + 10}"})
    assert beyond.status_code == 416
    assert beyond.headers["content-range"] == f"bytes */{len(MP4)}"


def test_etag_and_if_none_match(client: httpx.Client) -> None:
    stored = uploaded(client, MP4, type="video")
    etag = f'"{stored["sha256"]}"'
    cached = client.get(stored["url"], headers={"if-none-match": etag})
    assert cached.status_code == 304 and cached.content == b""
    assert cached.headers["etag"] == etag
    listed = client.get(stored["url"], headers={"if-none-match": f'"other", W/{etag}'})
    assert listed.status_code == 304
    changed = client.get(stored["url"], headers={"if-none-match": '"other"'})
    assert changed.status_code == 200 and changed.content == MP4


def test_a_polyglot_file_is_never_sniffed_as_anything_else(client: httpx.Client) -> None:
    polyglot = image_bytes("GIF", size=(4, 4)) + b"<html><script>alert(document.cookie)</script>"
    stored = uploaded(client, polyglot, type="image")
    etag = f'"{stored["sha256"]}"'
    answers = [
        client.get(stored["url"]),
        client.head(stored["url"]),
        client.get(stored["url"], headers={"range": "bytes=0-9"}),
        client.get(stored["url"], headers={"if-none-match": etag}),
    ]
    assert [a.status_code for a in answers] == [200, 200, 206, 304]
    assert all(a.headers.get("x-content-type-options") == "nosniff" for a in answers)
    assert answers[0].headers["content-type"] == "image/gif"


def test_head_sends_headers_only(client: httpx.Client) -> None:
    stored = uploaded(client, MP3, type="audio")
    head = client.head(stored["url"])
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(MP3))
    assert head.headers["content-type"] == "audio/mpeg"


def oversized() -> bytes:
    return MP4 * (HTTP_MAX_BYTES // len(MP4) + 1)


class Refusal(NamedTuple):
    body: bytes | Iterator[bytes]
    content_type: str
    query: dict[str, str]
    status: int
    code: str


REFUSALS = {
    "413 declared": Refusal(oversized(), "video/mp4", {"type": "video"}, 413, "FILE_TOO_LARGE"),
    "413 streamed": Refusal(iter([MP4] * 30), "video/mp4", {"type": "video"}, 413,
                            "FILE_TOO_LARGE"),
    "415 pdf": Refusal(PDF, "application/pdf", {}, 415, "UNSUPPORTED_MEDIA"),
    "415 text": Refusal(b"plain text", "text/plain", {}, 415, "UNSUPPORTED_MEDIA"),
    "422 type": Refusal(image_bytes(), "image/png", {}, 422, "MEDIA_MISMATCH"),
    "422 name": Refusal(image_bytes(), "image/jpeg", {"filename": "shot.webm"}, 422,
                        "MEDIA_MISMATCH"),
    "422 asset type": Refusal(image_bytes(), "image/jpeg", {"type": "video"}, 422,
                              "MEDIA_MISMATCH"),
    "400 escape": Refusal(MP3, "audio/mpeg", {"type": "audio", "filename": "../../x.mp3"}, 400,
                          "PATH_ESCAPE"),
}  # fmt: skip


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
def test_bad_uploads_are_refused_and_nothing_stored(
    client: httpx.Client, served_store: LocalFileStore, case: Refusal
) -> None:
    response = upload(client, case.body, case.content_type, **case.query)
    assert response.status_code == case.status, response.text
    assert response.json()["detail"]["code"] == case.code
    assert files_under(served_store.layout.catalog) == []


def test_upload_needs_its_query(client: httpx.Client) -> None:
    response = client.post("/files", params={"type": "poster"}, content=image_bytes())
    assert response.status_code == 422


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/files/image/img-1-fal-x-000000.jpg", 404),
        ("/files/image/%2e%2e/%2e%2e/secret.jpg", 400),
        ("/files/.meta/image/x.json", 400),
        ("/files/image", 400),
    ],
)
def test_fetch_unknown_or_escaping_refs(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status, response.text


def test_openapi_documents_the_upload(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/files"]["post"]
    assert "raw bytes" in post["description"]
    assert "image/jpeg" in post["requestBody"]["content"]
    assert {p["name"] for p in post["parameters"]} >= {"type", "provider", "model", "filename"}
    assert "get" in spec["paths"]["/files/{ref}"]
