"""An import stopped between its passes (nodes written, not yet joined to their project,
their files not yet placed) is finished by importing the same bundle again: the graph
and the API's answers, file bytes included, are those of an import that never stopped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lineage.bundles import importer
from lineage.bundles.importer import import_bundle
from lineage.files import LocalFileStore
from tests.bundles.answers import answers
from tests.bundles.conftest import Instance
from tests.bundles.story import PROJECT, record_story
from tests.bundles.test_round_trip import export_over_http


class Stopped(Exception):
    """The import's process dying between two passes."""


async def test_an_import_stopped_before_the_memberships_is_finished_by_the_next(
    first: Instance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    await record_story(first.gql)
    path = tmp_path / "story.tar"
    path.write_bytes(await export_over_http(first, PROJECT))
    files = LocalFileStore(first.assets_root)
    await first.store.write("admin/wipe_data")
    await import_bundle(first.store, files, path)
    whole = await first.store.read("integrity/list_snapshot")
    expected = await answers(first.gql, PROJECT)
    await first.store.write("admin/wipe_data")

    async def stop(*_: Any) -> None:
        raise Stopped

    with monkeypatch.context() as patch:
        patch.setattr(importer, "_write_memberships", stop)
        with pytest.raises(Stopped):
            await import_bundle(first.store, files, path)
    stopped = await first.store.read("integrity/list_snapshot")
    assert stopped != whole  # the members are there, outside their project

    await import_bundle(first.store, files, path)

    assert await first.store.read("integrity/list_snapshot") == whole
    assert await answers(first.gql, PROJECT) == expected
