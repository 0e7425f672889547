"""The demo import `lineage serve` runs: only into a graph that has no project yet."""

from __future__ import annotations

from pathlib import Path

from lineage.db.store import Store
from lineage.legacy.demo import import_demo_if_empty
from lineage.settings import Settings
from tests.legacy.conftest import snapshot


async def test_the_demo_is_imported_once_into_an_empty_graph(
    settings: Settings, store: Store, legacy: Path
) -> None:
    demo = settings.model_copy(update={"assets_root": legacy})
    report = await import_demo_if_empty(demo, store)
    assert report is not None and report.created == 31
    assert (legacy / "catalog" / "image").is_dir()  # the catalog lives in the assets root
    graph = await snapshot(store)
    assert await import_demo_if_empty(demo, store) is None  # the graph has a project now
    assert await snapshot(store) == graph


async def test_no_demo_without_a_fligen_folder(
    settings: Settings, store: Store, tmp_path: Path
) -> None:
    empty = settings.model_copy(update={"assets_root": tmp_path / "nothing"})
    assert await import_demo_if_empty(empty, store) is None
    assert (await snapshot(store)).nodes == {}
    assert not (tmp_path / "nothing").exists()
