"""Bytes uploaded over HTTP, recorded by recordGeneration, served back identical."""

from __future__ import annotations

from pathlib import Path

import httpx
from fastapi import FastAPI, Response

from tests.api.helpers import RECORD
from tests.conftest import GraphQLClient
from tests.live_server import LiveServer

SAMPLES = Path(__file__).resolve().parents[2] / "scripts" / "sample_media"


async def test_upload_record_and_fetch_back(http: httpx.AsyncClient, gql: GraphQLClient) -> None:
    clip = (SAMPLES / "001-002.mp4").read_bytes()
    uploaded = await http.post(
        "/files", params={"type": "video", "provider": "fal", "model": "wan-flf2v"}, content=clip
    )
    assert uploaded.status_code in {200, 201}, uploaded.text
    ref = uploaded.json()["ref"]
    await gql.data(RECORD, **{"in": {"id": "s", "type": "IMAGE", "provider": "p", "model": "m"}})
    frames = [{"assetId": "s", "role": "START"}]
    data = await gql.data(
        """mutation($in: RecordGenerationInput!) { recordGeneration(input: $in) {
          asset { url filename fileSha256 fileSizeBytes mediaType params
                  media { width height durationSeconds } } } }""",
        **{
            "in": {
                "type": "VIDEO",
                "provider": "fal",
                "model": "wan-flf2v",
                "fileRef": ref,
                "frames": frames,
                "params": {"fps": 12},
            }
        },
    )
    asset = data["recordGeneration"]["asset"]
    assert asset["fileSizeBytes"] == len(clip) and asset["mediaType"] == "video/mp4"
    assert asset["params"] == {"fps": 12}  # exactly what the tool sent
    assert asset["media"]["width"] == 64  # what the file says, beside it
    served = await http.get(asset["url"])
    assert served.status_code == 200 and served.content == clip
    assert served.headers["etag"].strip('"') == asset["fileSha256"]
    part = await http.get(asset["url"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and part.content == clip[:100]


async def test_a_file_of_another_type_is_refused(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    song = (SAMPLES / "music-a.mp3").read_bytes()
    uploaded = await http.post(
        "/files", params={"type": "music", "provider": "kie", "model": "suno"}, content=song
    )
    body = await gql(
        RECORD,
        **{
            "in": {
                "type": "IMAGE",
                "provider": "fal",
                "model": "m",
                "fileRef": uploaded.json()["ref"],
            }
        },
    )
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "music" in body["errors"][0]["message"]


async def test_record_generation_copies_the_bytes_from_a_url(
    http: httpx.AsyncClient, gql: GraphQLClient
) -> None:
    song = (SAMPLES / "music-b.mp3").read_bytes()
    provider = FastAPI()
    provider.get("/results/song.mp3")(lambda: Response(song, media_type="audio/mpeg"))
    fields = {"id": "song", "type": "MUSIC", "provider": "kie", "model": "suno"}
    with LiveServer(provider) as cdn:
        data = await gql.data(
            """mutation($in: RecordGenerationInput!) { recordGeneration(input: $in) {
              asset { fileRef fileSha256 fileSizeBytes mediaType url } } }""",
            **{"in": {**fields, "sourceUrl": f"{cdn.url}/results/song.mp3"}},
        )
        missing = await gql(
            RECORD, **{"in": {**fields, "id": "x", "sourceUrl": f"{cdn.url}/results/nope.mp3"}}
        )
    asset = data["recordGeneration"]["asset"]
    assert asset["fileSizeBytes"] == len(song) and asset["mediaType"] == "audio/mpeg"
    assert (await http.get(asset["url"])).content == song
    assert missing["errors"][0]["extensions"]["code"] == "DOWNLOAD_FAILED"
    assert "404" in missing["errors"][0]["message"]


async def test_a_source_url_must_be_a_public_address(gql: GraphQLClient) -> None:
    fields = {"id": "meta", "type": "IMAGE", "provider": "fal", "model": "m"}
    url = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
    refused = await gql(RECORD, **{"in": {**fields, "sourceUrl": url}})
    assert refused["errors"][0]["extensions"]["code"] == "DOWNLOAD_FAILED"
    assert "169.254.169.254, which is not a public address" in refused["errors"][0]["message"]
    missing = await gql('{ asset(id: "meta") { id } }')
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_source_path_is_refused_unless_a_source_root_is_configured(
    gql: GraphQLClient,
) -> None:
    fields = {"id": "shot", "type": "IMAGE", "provider": "fal", "model": "m"}
    body = await gql(RECORD, **{"in": {**fields, "sourcePath": "/etc/passwd"}})
    assert body["errors"][0]["extensions"]["code"] == "INVALID_INPUT"
    assert "LINEAGE_SOURCE_ROOT" in body["errors"][0]["message"]
    both = await gql(RECORD, **{"in": {**fields, "sourcePath": "a.png", "sourceUrl": "http://x"}})
    assert "only one of" in both["errors"][0]["message"]
