"""An archived project is read-only, its files can leave the catalog, and it restores whole."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from lineage.bundles.retention import RetentionPolicy, apply_retention
from lineage.bundles.service import archive_of
from lineage.files import LocalFileStore
from tests.api.helpers import image, prompt
from tests.bundles.answers import answers
from tests.bundles.conftest import Instance
from tests.bundles.story import OTHER, PIN, PROJECT, record_story, upload
from tests.files.samples import files_under, image_bytes

ARCHIVE_PROJECT = """mutation($code: String!) {
  archiveProject(code: $code, releaseFiles: true) {
    code archived bundle filesReleased bytesReleased } }"""
RESTORE_PROJECT = """mutation($code: String!) {
  restoreProject(code: $code) { code archived filesRestored nodesCreated } }"""
AN_IMAGE = {"type": "IMAGE", "provider": "fal", "model": "m"}


async def refused(body: dict[str, Any]) -> str:
    assert "errors" in body, body
    error: dict[str, Any] = body["errors"][0]
    assert error["extensions"]["code"] == "PROJECT_ARCHIVED", error
    return str(error["message"])


def catalog_files(instance: Instance) -> list[str]:
    return [p.name for p in files_under(instance.assets_root / "catalog") if "/." not in str(p)]


async def test_archive_refuse_writes_restore(first: Instance) -> None:
    await record_story(first.gql)
    expected = await answers(first.gql, PROJECT)
    stored = catalog_files(first)

    done = (await first.gql.data(ARCHIVE_PROJECT, code=PROJECT))["archiveProject"]
    assert done["archived"] and done["bundle"] == f"{PROJECT}.tar"
    assert done["filesReleased"] == 3 and done["bytesReleased"] > 0  # red, blue, green
    archive = archive_of(first.settings)
    assert archive.bundle_path(PROJECT).is_file()
    assert len(catalog_files(first)) == len(stored) - 3

    message = await refused(
        await first.gql(_RECORD, **{"in": {"projectCode": PROJECT, **AN_IMAGE}})
    )
    assert PROJECT in message and "restore" in message
    await refused(
        await first.gql(_RECORD, **{"in": {"regeneratesId": f"{PROJECT}-shot-001-v2", **AN_IMAGE}})
    )
    await refused(await first.gql(PIN, a=f"{PROJECT}-vid-a", i=f"{PROJECT}-shot-001"))
    await refused(await first.gql(_ARCHIVE_ASSET, id=f"{PROJECT}-vid-a"))
    await refused(
        await first.gql(
            _PROMPT,
            **{"in": {"kind": "HUMAN", "role": "seed", "text": "x", "projectCode": PROJECT}},
        )
    )
    message = await refused(await first.gql(_CREATE_PROJECT, code=PROJECT, title="renamed"))
    assert PROJECT in message
    seen = (await first.gql.data(_PROJECT, code=PROJECT))["project"]
    assert seen["archived"] and seen["archivedAt"] and seen["title"] != "renamed"
    assert not (await first.gql.data(_PROJECT, code=OTHER))["project"]["archived"]
    await image(first.gql, "still-writable", slot="s", projectCode=OTHER)
    assert (await first.gql.data('{ asset(id: "VSS-001-vid-a") { id } }'))["asset"]

    restored = (await first.gql.data(RESTORE_PROJECT, code=PROJECT))["restoreProject"]
    assert restored == {"code": PROJECT, "archived": False, "filesRestored": 3, "nodesCreated": 0}
    assert await answers(first.gql, PROJECT) == expected
    await prompt(first.gql, kind="HUMAN", role="seed", text="writable again", projectCode=PROJECT)
    seen = (await first.gql.data(_PROJECT, code=PROJECT))["project"]
    assert seen == {"archived": False, "archivedAt": None, "title": seen["title"]}
    await first.gql.data(_CREATE_PROJECT, code=PROJECT, title="renamed")


async def test_a_released_file_comes_back_by_itself(first: Instance) -> None:
    await first.gql.data(_CREATE_PROJECT, code="RET-001", title=None)
    for attempt, colour in (("ret-1", "purple"), ("ret-2", "purple"), ("ret-3", "orange")):
        ref = await upload(first.gql, colour)
        await image(first.gql, attempt, slot="s", projectCode="RET-001", fileRef=ref)
    before = (await first.gql.data(_FILE, id="ret-1"))["asset"]
    files = LocalFileStore(first.assets_root)
    released = await apply_retention(
        first.store,
        files,
        archive_of(first.settings),
        RetentionPolicy(older_than_days=0),
        dry_run=False,
        now=datetime.now(UTC) + timedelta(days=1),
    )
    assert released.attempts == ["ret-1", "ret-2"] and released.files == 1  # ret-3 is current
    assert not files.local_path(before["fileRef"]).exists()
    gone = await first.gql(_RESTORE_FILE, id="ret-3")
    assert "catalog already" in gone["errors"][0]["message"], gone

    done = (await first.gql.data(_RESTORE_FILE, id="ret-2"))["restoreAssetFile"]
    assert done == {
        "sha256": _sha(image_bytes("PNG", "purple")),
        "bytes": len(image_bytes("PNG", "purple")),
        "assetIds": ["ret-1", "ret-2"],
    }
    for attempt in ("ret-1", "ret-2"):
        back = (await first.gql.data(_FILE, id=attempt))["asset"]
        served = await first.http.get(back["url"])
        assert served.status_code == 200 and served.content == image_bytes("PNG", "purple")
        assert not back["fileMissing"] and back["fileSha256"] == done["sha256"]

    again = await first.gql(_RESTORE_FILE, id="ret-2")
    assert again["errors"][0]["extensions"]["code"] == "INVALID_INPUT", again
    assert "catalog already" in again["errors"][0]["message"]
    unknown = await first.gql(_RESTORE_FILE, id="no-such-asset")
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND", unknown


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_FILE = """query($id: ID!) { asset(id: $id) { fileRef fileSha256 url fileMissing } }"""
_RESTORE_FILE = """mutation($id: ID!) { restoreAssetFile(id: $id) { sha256 bytes assetIds } }"""
_RECORD = (
    """mutation($in: RecordGenerationInput!) { recordGeneration(input: $in) { asset { id } } }"""
)
_ARCHIVE_ASSET = """mutation($id: ID!) { archiveAsset(id: $id) { asset { id } } }"""
_PROMPT = """mutation($in: RecordPromptInput!) { recordPrompt(input: $in) { id } }"""
_CREATE_PROJECT = """mutation($code: String!, $title: String) {
  createProject(input: {code: $code, title: $title}) { code } }"""
_PROJECT = """query($code: String!) { project(code: $code) { archived archivedAt title } }"""
