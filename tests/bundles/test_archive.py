"""An archived project is read-only, its files can leave the catalog, and it restores whole."""

from __future__ import annotations

from typing import Any

from lineage.bundles.service import archive_of
from tests.api.helpers import image, prompt
from tests.bundles.answers import answers
from tests.bundles.conftest import Instance
from tests.bundles.story import OTHER, PIN, PROJECT, record_story
from tests.files.samples import files_under

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
    await image(first.gql, "still-writable", slot="s", projectCode=OTHER)
    assert (await first.gql.data('{ asset(id: "VSS-001-vid-a") { id } }'))["asset"]

    restored = (await first.gql.data(RESTORE_PROJECT, code=PROJECT))["restoreProject"]
    assert restored == {"code": PROJECT, "archived": False, "filesRestored": 3, "nodesCreated": 0}
    assert await answers(first.gql, PROJECT) == expected
    await prompt(first.gql, kind="HUMAN", role="seed", text="writable again", projectCode=PROJECT)


_RECORD = (
    """mutation($in: RecordGenerationInput!) { recordGeneration(input: $in) { asset { id } } }"""
)
_ARCHIVE_ASSET = """mutation($id: ID!) { archiveAsset(id: $id) { asset { id } } }"""
_PROMPT = """mutation($in: RecordPromptInput!) { recordPrompt(input: $in) { id } }"""
