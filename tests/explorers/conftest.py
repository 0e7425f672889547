"""The demo graph the explorers open on: the sample legacy folder, imported."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lineage.db.store import Store
from lineage.explorers.vendor import WebAssetsError, install_web_assets
from lineage.legacy.demo import import_demo_if_empty
from lineage.settings import Settings

SAMPLE = Path(__file__).resolve().parents[2] / "assets"
DEMO_VIDEO = "asset_vid_1767098871389_f0c26a2f3650"  # the current attempt of slot 001-002


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    """A copy of the sample legacy folder, without any catalog."""
    folder = tmp_path / "assets"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("catalog"))
    return folder


@pytest.fixture
async def demo(settings: Settings, store: Store, demo_folder: Path) -> Store:
    """The graph holding the demo data only (`lineage serve`'s first-start import)."""
    demo_settings = settings.model_copy(update={"assets_root": demo_folder})
    assert await import_demo_if_empty(demo_settings, store) is not None
    return store


@pytest.fixture(scope="session")
def web_assets(settings: Settings) -> Path:
    """GraphiQL's and the docs' pinned files, fetched once as `make install` does."""
    try:
        install_web_assets(settings.web_assets_dir)
    except WebAssetsError as exc:
        pytest.skip(f"the pinned web assets cannot be installed: {exc.message}")
    return settings.web_assets_dir
