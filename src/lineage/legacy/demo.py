"""The demo: FliGen's sample folder imported into a graph that has no project yet."""

from __future__ import annotations

import logging

from lineage.db.store import Store
from lineage.files import LocalFileStore
from lineage.legacy.errors import NotAFliGenFolderError
from lineage.legacy.folder import open_folder
from lineage.legacy.importer import import_legacy
from lineage.legacy.report import ImportReport
from lineage.legacy.repository import LegacyRepository
from lineage.settings import Settings

log = logging.getLogger(__name__)


async def import_demo_if_empty(settings: Settings, store: Store) -> ImportReport | None:
    """Import `settings.assets_root` when the graph has no `:Project`; None when skipped
    (the graph has projects, or the assets root is not a FliGen folder)."""
    if await LegacyRepository(store).count_projects():
        return None
    try:
        open_folder(settings.assets_root)
    except NotAFliGenFolderError as exc:
        log.info("no demo imported: %s", exc.message)
        return None
    files = LocalFileStore(settings.assets_root, max_bytes=settings.max_upload_bytes)
    report = await import_legacy(store, files, settings.assets_root)
    log.info("demo imported from %s: %d nodes created", settings.assets_root, report.created)
    return report
